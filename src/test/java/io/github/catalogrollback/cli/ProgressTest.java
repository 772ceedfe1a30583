package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live progress: each step's line reaches stderr while the run's transaction is still open, a step that runs long
 * gets heartbeat lines, the last line says committed or rolled back, and with --output json stderr holds one JSON
 * object per line while stdout holds only the result. A DBA's DDL event trigger slows step 48 → 47 down.
 */
class ProgressTest {

    @BeforeEach
    void shortHeartbeat() {
        System.setProperty(ProgressPrinter.HEARTBEAT_MILLIS_PROPERTY, "200");
    }

    @AfterEach
    void defaultHeartbeat() {
        System.clearProperty(ProgressPrinter.HEARTBEAT_MILLIS_PROPERTY);
    }

    /** Every DDL command on hdb_catalog.hdb_version sleeps this long: step 48 → 47 (it drops two of its columns) is slow. */
    private static void slowDownHdbVersion(TestDatabase db) {
        db.execute("CREATE FUNCTION public.slow_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() WHERE object_identity = 'hdb_catalog.hdb_version')"
                        + " THEN PERFORM pg_sleep(1.2); END IF; END $$",
                "CREATE EVENT TRIGGER slow_ddl ON ddl_command_end EXECUTE FUNCTION public.slow_ddl()");
    }

    /** A run of the real CLI whose stderr lines are handed to {@code onLine} as they are printed. */
    private record LiveRun(int exitCode, String out, List<String> errLines) {
        static LiveRun of(TestDatabase db, Consumer<String> onLine, String... args) {
            List<String> lines = new ArrayList<>();
            OutputStream err = new OutputStream() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                @Override
                public synchronized void write(int b) {
                    if (b != '\n') {
                        line.write(b);
                        return;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    lines.add(text);
                    onLine.accept(text);
                }
            };
            List<String> all = new ArrayList<>(List.of(args));
            all.add("--database-url");
            all.add(db.url());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code = Cli.run(Map.of(), o, e, all.toArray(String[]::new));
            }
            return new LiveRun(code, out.toString(StandardCharsets.UTF_8), List.copyOf(lines));
        }

        String printed() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + String.join("\n", errLines);
        }
    }

    /** Whether catalog-rollback's backend holds an open transaction that has written (not yet committed): read without locks. */
    private static boolean runStillOpen(TestDatabase db) {
        return !"0".equals(db.queryText("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'catalog-rollback' AND backend_xid IS NOT NULL"));
    }

    @Test
    void eachStepLineAppearsBeforeCommitWithHeartbeatsWhileItRuns() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            slowDownHdbVersion(db);
            List<String> seenWhileOpen = new ArrayList<>();

            LiveRun run = LiveRun.of(db, line -> {
                if (line.contains(" ok ") && runStillOpen(db)) {
                    seenWhileOpen.add(line);
                }
            }, "--to-version", "46");

            assertEquals(0, run.exitCode(), run.printed());
            assertEquals("46", Catalogs.version(db), "the run committed");
            List<String> err = run.errLines();
            int first = indexOf(err, "  - 48 → 47 ");
            int second = indexOf(err, "  - 47 → 46 ");
            assertTrue(first >= 0 && err.get(first).contains(" ok ") && err.get(first).contains(" ms   drops hdb_version.ee_client_id"),
                    "48 → 47's line, with its time and summary\n" + run.printed());
            assertTrue(second > first && err.get(second).contains(" ok "), "then 47 → 46's\n" + run.printed());
            assertEquals(List.of(err.get(first), err.get(second)), seenWhileOpen,
                    "both step lines were on stderr while the run's transaction was still open\n" + run.printed());
            assertTrue(err.subList(0, first).stream().anyMatch(l -> l.matches("  - 48 → 47 still running, \\d+ s: drops hdb_version\\.ee_client_id.*")),
                    "heartbeat lines while 48 → 47 runs\n" + run.printed());
            assertEquals("committed", err.get(err.size() - 1), "the last line says committed\n" + run.printed());
            assertTrue(run.out().contains("→ 46 (v2.0.0-alpha.8 … v2.0.6): 2 steps, committed in"), "stdout keeps the result\n" + run.printed());
            assertFalse(run.out().contains(" ok "), "the step lines are not repeated on stdout\n" + run.printed());
        }
    }

    @Test
    void aFailedRunSaysRolledBackBeforeItsError() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            Catalogs.forbidDropping(db, "hdb_catalog.hdb_schema_notifications");

            LiveRun run = LiveRun.of(db, line -> { }, "--to-version", "44");

            assertEquals(6, run.exitCode(), run.printed());
            List<String> err = run.errLines();
            assertEquals(4, err.size(), "two steps, the rolled-back line, the error\n" + run.printed());
            assertTrue(err.get(0).startsWith("  - 47 → 46 ") && err.get(1).startsWith("  - 46 → 45 "), run.printed());
            assertEquals("rolled back (the error line below says what stayed)", err.get(2), run.printed());
            assertTrue(err.get(3).startsWith("error: step 45 → 44 failed"), run.printed());
            assertEquals("47", Catalogs.version(db));
        }
    }

    @Test
    void jsonProgressIsOneObjectPerStderrLineAndStdoutHoldsOnlyTheResult() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            slowDownHdbVersion(db);

            LiveRun run = LiveRun.of(db, line -> { }, "--to-version", "46", "--output", "json");

            assertEquals(0, run.exitCode(), run.printed());
            List<String> events = new ArrayList<>();
            for (String line : run.errLines()) {
                assertEquals("object", query(db, "SELECT jsonb_typeof(?::jsonb)", line), "one JSON object per stderr line: " + line);
                events.add(query(db, "SELECT (?::jsonb) ->> 'event'", line));
            }
            assertTrue(events.contains("heartbeat"), "a heartbeat while 48 → 47 runs\n" + run.printed());
            assertEquals(List.of("step", "step", "finished"), events.stream().filter(e -> !e.equals("heartbeat")).toList(), run.printed());
            String firstStep = run.errLines().stream().filter(l -> l.contains("\"event\":\"step\"")).findFirst().orElseThrow();
            assertEquals("48 → 47", query(db, "SELECT (?::jsonb) ->> 'step'", firstStep));
            assertEquals("true", query(db, "SELECT (?::jsonb) ->> 'losesData'", firstStep));
            assertEquals("committed", query(db, "SELECT (?::jsonb) ->> 'outcome'", run.errLines().get(run.errLines().size() - 1)));
            assertEquals(1, run.out().strip().lines().count(), "stdout holds only the result\n" + run.printed());
            assertEquals("committed", query(db, "SELECT (?::jsonb) ->> 'outcome'", run.out()), run.printed());
            assertEquals("2", query(db, "SELECT jsonb_array_length((?::jsonb) -> 'steps')", run.out()), run.printed());
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && !lines.get(i).contains("still running")) {
                return i;
            }
        }
        return -1;
    }

    private static String query(TestDatabase db, String sql, String parameter) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
