package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog version the changelogs know can be built fresh, and reached from the newest (48) and from the
 * oldest (12); after each path the catalog is the fresh catalog at the target. A catalog that came up from v1
 * across 42 → 43 keeps the event_log objects of a metadata database that is also a source (a genuine variant,
 * facts §8); everything else about it is the same as the fresh v2 catalog.
 */
class FullHistoryTest {

    private static final ChangelogIndex INDEX = ChangelogIndex.load();
    private static TestDatabase newest;
    private static TestDatabase oldest;

    @BeforeAll
    static void buildTemplates() {
        newest = TestDatabase.fresh();
        Catalogs.init(newest, INDEX.highest().number());
        oldest = TestDatabase.fresh();
        Catalogs.init(oldest, INDEX.lowest().number());
    }

    @AfterAll
    static void dropTemplates() {
        newest.close();
        oldest.close();
    }

    /** Every version but the newest: the targets of a rollback from the newest. */
    static Stream<Integer> belowTheNewest() {
        return INDEX.versions().stream().filter(v -> v.isBelow(INDEX.highest())).map(CatalogVersion::number);
    }

    /** Every version but the oldest: the targets of an upgrade from the oldest. */
    static Stream<Integer> aboveTheOldest() {
        return INDEX.versions().stream().filter(v -> v.isAbove(INDEX.lowest())).map(CatalogVersion::number);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("belowTheNewest")
    void reachedFromTheNewestIsTheFreshCatalog(int target) {
        try (TestDatabase db = TestDatabase.copyOf(newest)) {
            CliRun run = CliRun.on(db, "--to-version", Integer.toString(target));
            assertEquals(0, run.exitCode(), run.printed());
            assertSameCatalog(db, target, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aboveTheOldest")
    void reachedFromTheOldestIsTheFreshCatalog(int target) {
        try (TestDatabase db = TestDatabase.copyOf(oldest)) {
            CliRun run = CliRun.on(db, "upgrade", "--to-version", Integer.toString(target));
            assertEquals(0, run.exitCode(), run.printed());
            assertSameCatalog(db, target, target >= CatalogVersion.FIRST_V2.number());
        }
    }

    /**
     * A catalog born in v2 keeps hdb_version's primary key name hdb_version_pkey when it goes down to v1, where the
     * chain (a catalog born in an early v1 alpha) has hasura_uuid_pkey: the one genuine name variant (facts §8).
     */
    private static List<CatalogShape.Item> withoutPrimaryKeyName(List<CatalogShape.Item> items) {
        return items.stream().filter(i -> !(i.owner().equals("hdb_catalog.hdb_version")
                && (i.name().equals("hdb_version_pkey") || i.name().equals("hasura_uuid_pkey")))).toList();
    }

    private static void assertSameCatalog(TestDatabase db, int target, boolean cameFromV1) {
        assertEquals(Integer.toString(target), Catalogs.version(db), "hdb_version");
        CatalogShape fresh = Catalogs.freshShape(target);
        CatalogShape actual = Fingerprint.shape(db);
        if (!cameFromV1) {
            assertEquals(List.of(), withoutPrimaryKeyName(actual.minus(fresh)), "left over, compared with a fresh catalog " + target);
            assertEquals(List.of(), withoutPrimaryKeyName(fresh.minus(actual)), "missing, compared with a fresh catalog " + target);
            assertEquals(List.of(), DriftCheck.compare(fresh, actual, CatalogVersion.of(target)), "same by definition");
            return;
        }
        assertEquals(List.of(), DriftCheck.compare(fresh, actual, CatalogVersion.of(target)),
                "a v1-born catalog " + target + " differs from the fresh one beyond the genuine variants");
        assertTrue(actual.items().stream().anyMatch(i -> i.owner().equals("hdb_catalog.event_log")),
                "a catalog that came up from v1 keeps event_log");
    }
}
