package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two runs on one database: the second fails fast with its own exit code while the first is still working,
 * and the first then completes. The first run is a real catalog-rollback process (a child JVM); it is held
 * mid-path by a session that reads hdb_version, as a running Hasura would.
 */
class ConcurrencyTest {

    @Test
    void secondRunFailsFastWhileTheFirstHoldsTheLock() throws Exception {
        Process first = null;
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            try (Connection blocker = db.connect()) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.execute("LOCK TABLE hdb_catalog.hdb_version IN ACCESS SHARE MODE");
                }
                String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
                first = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                        "io.github.catalogrollback.cli.Main", "--to-version", "47", "--force", "--lock-timeout", "120",
                        "--database-url", db.url()))
                        .redirectErrorStream(true).start();
                waitForAdvisoryLock(db, first);

                CliRun second = CliRun.on(db, "--to-version", "46");

                assertEquals(5, second.exitCode(), "locked by another run\n" + second.printed());
                assertTrue(second.err().contains("another catalog-rollback run holds the lock"), second.printed());
                assertTrue(second.err().contains("nothing changed"), second.printed());
                assertTrue(first.isAlive(), "the first run was still working when the second gave up");
                blocker.commit();
            }
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the first run finishes once unblocked");
            String output = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, first.exitValue(), output);
            assertEquals("47", Catalogs.version(db), "the first run's target");
        } finally {
            if (first != null) {
                first.destroyForcibly();
            }
        }
    }

    private static void waitForAdvisoryLock(TestDatabase db, Process first) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if ("1".equals(db.queryText("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'catalog-rollback'"
                    + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"))) {
                return;
            }
            assertTrue(first.isAlive(), "the first run is still running");
            Thread.sleep(100);
        }
        throw new AssertionError("the first run never took the lock");
    }
}
