package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (what `kill`, systemd and Kubernetes send) in the middle of a step: the run says it was rolled back,
 * ends with 143, and the database is exactly as it was. The run is a real child process, held mid-step by a
 * session that reads hdb_version as a running Hasura would (hence --force).
 */
class InterruptTest {

    @Test
    void sigtermInTheMiddleOfAStepRollsEverythingBackAndSaysSo() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Fingerprint before = Fingerprint.of(db);
            String history = db.queryText("SELECT count(*) FROM hdb_catalog_rollback.run_history");
            String output;
            try (Connection hasura = db.connect(); Statement st = hasura.createStatement()) {
                hasura.setAutoCommit(false);
                st.execute("LOCK TABLE hdb_catalog.hdb_version IN ACCESS SHARE MODE");
                try (ChildRun run = ChildRun.start(db, "--to-version", "46", "--force", "--lock-timeout", "600", "--output", "json")) {
                    run.awaitBlockedOnLock(db);
                    run.terminate();
                    assertEquals(143, run.await(), "the exit code of SIGTERM");
                    output = run.output();
                }
                hasura.rollback();
            }
            assertTrue(output.contains("error: interrupted: the whole run was rolled back, nothing changed"), output);
            assertTrue(output.contains("{\"outcome\":\"interrupted\",\"exitCode\":143,\"message\":\"interrupted: the whole run was"
                    + " rolled back, nothing changed\"}"), "and one JSON object\n" + output);
            assertEquals(2, output.strip().lines().filter(line -> !line.startsWith("SLF4J: ")).count(),
                    "nothing else is printed (SLF4J's notice comes from the test classpath, not the jar)\n" + output);
            ChildRun.awaitNoBackend(db);
            assertEquals(before, Fingerprint.of(db), "nothing changed");
            assertEquals(history, db.queryText("SELECT count(*) FROM hdb_catalog_rollback.run_history"), "no run was recorded");
            assertEquals(0, CliRun.on(db, "--to-version", "46").exitCode(), "the lock is free: the next run works");
        }
    }
}
