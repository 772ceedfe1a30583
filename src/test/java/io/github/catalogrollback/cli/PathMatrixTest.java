package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pair of v2 catalog versions, both directions: the result is the catalog built fresh at the target. */
class PathMatrixTest {

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int from = 43; from <= 48; from++) {
            for (int to = 43; to <= 48; to++) {
                if (from != to) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void pathLeavesTheFreshCatalogOfTheTarget(int from, int to) {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, from);
            CliRun run = to < from ? CliRun.on(db, "--to-version", Integer.toString(to))
                    : CliRun.on(db, "upgrade", "--to-version", Integer.toString(to));
            assertEquals(0, run.exitCode(), run.printed());
            assertTrue(run.out().contains("catalog " + from + " (") && run.out().contains("→ " + to + " ("),
                    "output names from and to\n" + run.printed());
            assertTrue(run.out().contains(Math.abs(from - to) + (Math.abs(from - to) == 1 ? " step, committed" : " steps, committed")),
                    "output counts the steps\n" + run.printed());
            assertEquals(Integer.toString(to), Catalogs.version(db), "hdb_version after " + from + " → " + to);
            assertEquals(List.of(), Fingerprint.shape(db).minus(Catalogs.freshShape(to)),
                    "objects left over that a fresh catalog " + to + " does not have");
            assertEquals(List.of(), Catalogs.freshShape(to).minus(Fingerprint.shape(db)),
                    "objects of a fresh catalog " + to + " that are missing");
            CliRun status = CliRun.on(db, "status");
            assertTrue(status.out().contains("in sync (records catalog " + to + ")"), "history in sync\n" + status.printed());
        }
    }
}
