package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * With --output json every failure also prints exactly one JSON object on stdout, {"outcome", "exitCode", "message"},
 * while the same one line goes to stderr, so that scripts never parse text. The JSON is parsed by PostgreSQL.
 */
class JsonOnFailureTest {

    /** Parses stdout as one JSON object (jsonb refuses anything else) and checks it against the exit code and stderr. */
    private static void assertJsonFailure(TestDatabase db, CliRun run, int exitCode, String outcome) throws Exception {
        assertEquals(exitCode, run.exitCode(), run.printed());
        assertEquals(1, run.out().strip().lines().count(), "one line on stdout\n" + run.printed());
        assertEquals(1, run.err().strip().lines().count(), "one line on stderr\n" + run.printed());
        Map<String, String> json = new TreeMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT key, value FROM jsonb_each_text(?::jsonb)")) {
            ps.setString(1, run.out());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    json.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertEquals(List.of("exitCode", "message", "outcome"), List.copyOf(json.keySet()), run.printed());
        assertEquals(outcome, json.get("outcome"), run.printed());
        assertEquals(Integer.toString(exitCode), json.get("exitCode"), run.printed());
        assertEquals(run.err().strip(), "error: " + json.get("message"), "the same message on both streams\n" + run.printed());
    }

    @Test
    void everyKindOfFailurePrintsOneJsonObject() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            assertJsonFailure(db, CliRun.on(db, "--to-version", "47", "--output", "json", "--yes-really"), 2, "usage");
            assertJsonFailure(db, CliRun.on(db, "--output=json", "--lock-timeout", "0", "--to-version", "47"), 2, "usage");
            assertJsonFailure(db, CliRun.on(db, "status", "--output", "json", "--database-url", "mysql://x@h/d"), 2, "usage");
            assertJsonFailure(db, CliRun.on(db, "--to-release", "v9.9.9", "--output", "json"), 4, "refused");
            assertJsonFailure(db, CliRun.on(db, "upgrade", "--to-version", "46", "--output", "json"), 4, "refused");
            assertJsonFailure(db, CliRun.run("status", "--output", "json", "--database-url", db.urlWithPassword("wrong-pw")), 7,
                    "connection-failed");
            try (Connection other = db.connect(); Statement st = other.createStatement()) {
                other.setAutoCommit(false);
                st.execute("SELECT pg_advisory_xact_lock(hashtext('catalog-rollback'))");
                assertJsonFailure(db, CliRun.on(db, "--to-version", "47", "--force", "--output", "json"), 5, "locked");
                other.rollback();
            }
            Catalogs.forbidDropping(db, "hdb_catalog.hdb_version.ee_client_id");
            assertJsonFailure(db, CliRun.on(db, "--to-version", "47", "--output", "json"), 6, "rolled-back");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Cli.report(ExitCode.INTERNAL_ERROR, "internal error (IllegalStateException: a bug); the run's transaction was"
                    + " rolled back.", List.of("status", "--output", "json"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), null);
            assertJsonFailure(db, new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)), 1,
                    "internal-error");
        }
    }

    @Test
    void withoutJsonStdoutStaysEmptyOnFailure() {
        CliRun run = CliRun.run("--to-version", "47", "--yes-really");
        assertEquals(2, run.exitCode(), run.printed());
        assertTrue(run.out().isEmpty(), "text mode prints errors on stderr only\n" + run.printed());
    }
}
