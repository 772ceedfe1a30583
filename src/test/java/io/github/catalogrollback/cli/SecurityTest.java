package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No password or credential-bearing URL in any output, stack trace or audit row; TLS parameters pass through. */
class SecurityTest {

    private static void assertNoSecret(CliRun run, String secret) {
        assertFalse(run.out().contains(secret), "stdout holds the password\n" + run.printed());
        assertFalse(run.err().contains(secret), "stderr holds the password\n" + run.printed());
        assertFalse(run.out().contains("postgres://") || run.err().contains("postgres://"), "no URL is echoed\n" + run.printed());
    }

    @Test
    void stackTracesCarryNoPassword() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun wrong = CliRun.run("--to-version", "47", "--stacktrace", "--database-url", db.urlWithPassword("Very-Secret-42"));
            assertEquals(7, wrong.exitCode(), wrong.printed());
            assertTrue(wrong.err().contains("\tat "), "the stack trace is printed\n" + wrong.printed());
            assertNoSecret(wrong, "Very-Secret-42");

            db.execute("CREATE VIEW public.w AS SELECT * FROM hdb_catalog.hdb_version");
            CliRun failed = CliRun.on(db, "--to-version", "47", "--stacktrace");
            assertEquals(6, failed.exitCode(), failed.printed());
            assertNoSecret(failed, db.password());
        }
    }

    @Test
    void everyCommandKeepsThePasswordToItself() {
        try (TestDatabase db = TestDatabase.fresh()) {
            for (List<String> args : List.of(List.of("init", "--to-version", "48"), List.of("status"), List.of("plan", "--to-version", "45"),
                    List.of("--to-version", "46", "--dry-run"), List.of("--to-version", "46", "--output", "json"), List.of("verify"),
                    List.of("history", "--output", "json"), List.of("upgrade", "--to-version", "48"))) {
                CliRun run = CliRun.on(db, args.toArray(String[]::new));
                assertTrue(run.exitCode() == 0, args + "\n" + run.printed());
                assertNoSecret(run, db.password());
            }
        }
    }

    @Test
    void jdbcUrlWithCredentialsAndTlsParametersPassesThrough() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            String url = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password() + "&sslmode=disable&connectTimeout=5";
            CliRun run = CliRun.run("--to-version", "47", "--database-url", url);
            assertEquals(0, run.exitCode(), "sslmode=disable reaches the driver and the run works\n" + run.printed());
            assertNoSecret(run, db.password());
            CliRun tls = CliRun.run("status", "--database-url", db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password()
                    + "&sslmode=verify-full&sslrootcert=/nonexistent/root.crt");
            assertEquals(7, tls.exitCode(), "sslmode=verify-full reaches the driver: it asks for TLS the server lacks\n" + tls.printed());
            assertNoSecret(tls, db.password());
        }
    }
}
