package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A path whose third step fails leaves the catalog, its rows and Liquibase's history exactly as they were.
 * The failure is a real one that no check before the run can see: a DBA's DDL event trigger forbids dropping
 * hdb_schema_notifications, so 45 → 44 fails inside the run. (A view on that table would be refused before the run
 * as a foreign object the path destroys.)
 */
class AtomicityTest {

    private static final String NOTIFICATIONS = "hdb_catalog.hdb_schema_notifications";

    @Test
    void thirdStepFailingRollsBackTheWholePath() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            Catalogs.addHasuraRows(db);
            Catalogs.forbidDropping(db, NOTIFICATIONS);
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "44");

            assertEquals(6, run.exitCode(), "failed and rolled back\n" + run.printed());
            assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), "one error line on stderr\n" + run.printed());
            assertTrue(run.err().contains("\nrolled back (the error line below says what stayed)\n"), "the progress lines end with rolled back\n" + run.printed());
            assertTrue(run.err().contains("step 45 → 44 failed"), "names the failing step\n" + run.printed());
            assertTrue(run.err().contains("a DBA rule forbids dropping " + NOTIFICATIONS), "says what blocked it\n" + run.printed());
            assertTrue(run.err().contains("the whole run was rolled back, the catalog is still 47"), run.printed());
            Fingerprint after = Fingerprint.of(db);
            assertEquals(before.shape(), after.shape(), "catalog structure unchanged (47 → 46 and 46 → 45 were undone)");
            assertEquals(before.rowChecksums(), after.rowChecksums(), "every row of hdb_catalog unchanged");
            assertEquals(before.history(), after.history(), "Liquibase history unchanged");
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"), "no lock left behind");

            Catalogs.allowDropping(db);
            CliRun retry = CliRun.on(db, "--to-version", "44");
            assertEquals(0, retry.exitCode(), "the next run succeeds\n" + retry.printed());
            assertEquals("44", Catalogs.version(db));
        }
    }

    @Test
    void failedFirstRunOnAnUnadoptedDatabaseLeavesNoHistoryBehind() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 46);
            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE");
            Catalogs.forbidDropping(db, NOTIFICATIONS);
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "43");

            assertEquals(6, run.exitCode(), run.printed());
            assertEquals(before, Fingerprint.of(db), "catalog, rows and (absent) history unchanged");
            assertEquals("f", db.queryText("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hdb_catalog_rollback')"),
                    "the adoption was rolled back with the rest: no history schema");
        }
    }
}
