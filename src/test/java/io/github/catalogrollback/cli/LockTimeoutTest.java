package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** status, plan, verify and history honour --lock-timeout: a lock another session holds makes them stop with exit 5. */
class LockTimeoutTest {

    @Test
    void readOnlyCommandsGiveUpAfterTheLockTimeout() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            try (Connection migration = db.connect(); Statement st = migration.createStatement()) {
                migration.setAutoCommit(false);
                st.execute("LOCK TABLE hdb_catalog.hdb_version, hdb_catalog_rollback.run_history IN ACCESS EXCLUSIVE MODE");
                for (List<String> args : List.of(List.of("status"), List.of("plan", "--to-version", "47"), List.of("verify"),
                        List.of("history"))) {
                    CliRun run = CliRun.on(db, concat(args, "--lock-timeout", "1"));
                    assertEquals(5, run.exitCode(), args + "\n" + run.printed());
                    assertTrue(run.err().startsWith("error: " + args.get(0) + " waited 1 s (--lock-timeout) for a lock another session holds"),
                            run.printed());
                    assertTrue(run.err().contains("nothing changed"), run.printed());
                }
                CliRun json = CliRun.on(db, "status", "--lock-timeout", "1", "--output", "json");
                assertEquals(5, json.exitCode(), json.printed());
                assertTrue(json.out().startsWith("{\"outcome\":\"locked\",\"exitCode\":5,\"message\":\"status waited 1 s"), json.printed());
                migration.rollback();
            }
            assertEquals(0, CliRun.on(db, "status", "--lock-timeout", "1").exitCode(), "without the lock, status answers");
        }
    }

    private static String[] concat(List<String> args, String... more) {
        String[] all = new String[args.size() + more.length];
        for (int i = 0; i < args.size(); i++) {
            all[i] = args.get(i);
        }
        System.arraycopy(more, 0, all, args.size(), more.length);
        return all;
    }
}
