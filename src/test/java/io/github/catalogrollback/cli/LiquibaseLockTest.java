package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Liquibase's own lock row (hdb_catalog_rollback.databasechangeloglock), as a killed or a running stock Liquibase
 * leaves it: a stale row costs no wait and is cleared inside the run's transaction; a row a live stock Liquibase may
 * hold fails the run at once with exit 5 naming it. Nothing Liquibase prints reaches stdout.
 */
class LiquibaseLockTest {

    private static final String LOCK_ROW = "SELECT locked || ' ' || coalesce(lockedby, '-') FROM hdb_catalog_rollback.databasechangeloglock";

    /** What a stock Liquibase run killed while it held the lock leaves behind. */
    private static void lockAsStockLiquibase(TestDatabase db) {
        db.execute("UPDATE hdb_catalog_rollback.databasechangeloglock SET locked = TRUE, lockgranted = now() - interval '1 hour',"
                + " lockedby = 'ci-runner-7 (10.9.8.7)' WHERE id = 1");
    }

    @Test
    void aStaleLockRowCostsNoWaitIsClearedAndNothingReachesStdout() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            lockAsStockLiquibase(db);

            CliRun run = CliRun.on(db, "--to-version", "47", "--output", "json");

            assertEquals(0, run.exitCode(), run.printed());
            assertFalse(run.out().contains("Waiting for changelog lock"), "Liquibase's waiting line never reaches stdout\n" + run.printed());
            assertEquals(1, run.out().strip().lines().count(), "stdout is the one JSON result\n" + run.printed());
            assertEquals("committed", db.queryText("SELECT " + quote(run.out()) + "::jsonb ->> 'outcome'"), run.printed());
            assertTrue(run.out().contains("cleared Liquibase's stale lock (taken by ci-runner-7 (10.9.8.7) at "), "the result says so\n"
                    + run.printed());
            assertEquals("false -", db.queryText(LOCK_ROW), "the stale row is cleared with the run's commit");
            assertEquals("47", Catalogs.version(db));
        }
    }

    @Test
    void aRunThatRollsBackLeavesTheStaleRowAsItWas() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            lockAsStockLiquibase(db);
            Catalogs.forbidDropping(db, "hdb_catalog.hdb_version.ee_client_id");
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "47");

            assertEquals(6, run.exitCode(), "step 48 → 47 cannot drop a column a DBA rule protects\n" + run.printed());
            assertEquals("true ci-runner-7 (10.9.8.7)", db.queryText(LOCK_ROW), "the clearing was rolled back with the run");
            assertEquals(before, Fingerprint.of(db), "nothing changed");
        }
    }

    @Test
    void aLockRowALiveStockLiquibaseMayHoldFailsFastWithExit5() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            lockAsStockLiquibase(db);
            Fingerprint before = Fingerprint.of(db);
            try (Connection liquibase = db.connect(); Statement st = liquibase.createStatement()) {
                st.execute("SET application_name = 'liquibase-cli'");
                String pid = db.queryText("SELECT pid FROM pg_stat_activity WHERE application_name = 'liquibase-cli'"
                        + " AND datname = current_database()");

                CliRun run = CliRun.on(db, "--to-version", "47", "--force", "--output", "json");

                assertEquals(5, run.exitCode(), run.printed());
                assertTrue(run.err().contains("Liquibase's lock (hdb_catalog_rollback.databasechangeloglock) is held by ci-runner-7"
                        + " (10.9.8.7) since "), run.printed());
                assertTrue(run.err().contains("pid " + pid + " 'liquibase-cli'"), "names the session\n" + run.printed());
                assertTrue(run.err().contains("a stock Liquibase run may be in progress; nothing changed"), run.printed());
                assertEquals("locked", db.queryText("SELECT " + quote(run.out()) + "::jsonb ->> 'outcome'"), run.printed());
            }
            assertEquals("true ci-runner-7 (10.9.8.7)", db.queryText(LOCK_ROW), "the lock row is untouched");
            assertEquals(before, Fingerprint.of(db), "nothing changed");
        }
    }

    @Test
    void aSessionTakingTheLockRightNowFailsFastWithExit5() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Fingerprint before = Fingerprint.of(db);
            try (Connection liquibase = db.connect(); Statement st = liquibase.createStatement()) {
                liquibase.setAutoCommit(false);
                st.executeUpdate("UPDATE hdb_catalog_rollback.databasechangeloglock SET locked = TRUE, lockedby = 'ci-runner-8'"
                        + " WHERE id = 1 AND locked = FALSE");

                CliRun run = CliRun.on(db, "--to-version", "47", "--force", "--lock-timeout", "600");

                assertEquals(5, run.exitCode(), "fails at once instead of waiting up to --lock-timeout\n" + run.printed());
                assertTrue(run.err().contains("another session is taking or releasing Liquibase's lock"), run.printed());
                liquibase.rollback();
            }
            assertEquals(before, Fingerprint.of(db), "nothing changed");
            assertEquals(0, CliRun.on(db, "--to-version", "47").exitCode(), "the next run works");
        }
    }

    private static String quote(String text) {
        return "'" + text.strip().replace("'", "''") + "'";
    }
}
