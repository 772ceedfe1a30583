package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults at every step boundary of the longest path, and in the middle of a slow statement. A real
 * catalog-rollback process is stopped at step k (a session holds a ROW EXCLUSIVE lock on the table step k alters
 * first, as a writing Hasura would, so steps 1 … k-1 have run inside the transaction), then: its process is killed
 * (SIGKILL), its backend is terminated (pg_terminate_backend), or step k fails (lock timeout). After each, the
 * catalog's structure, every row of hdb_catalog and Liquibase's history are identical to before, no lock is
 * left, and the next run succeeds.
 */
class FaultInjectionTest {

    enum Fault { KILL_CLIENT, TERMINATE_BACKEND, STEP_FAILS }

    private static final AtomicInteger COVERED = new AtomicInteger();

    /** The table each step alters first, from 48 down to the oldest v2 catalog. */
    private static final List<String[]> DOWN = List.of(
            new String[] {"48 → 47", "hdb_catalog.hdb_version"},
            new String[] {"47 → 46", "hdb_catalog.hdb_cron_event_invocation_logs"},
            new String[] {"46 → 45", "hdb_catalog.hdb_cron_events"},
            new String[] {"45 → 44", "hdb_catalog.hdb_schema_notifications"},
            new String[] {"44 → 43", "hdb_catalog.hdb_metadata"});
    private static final List<String[]> UP = List.of(
            new String[] {"43 → 44", "hdb_catalog.hdb_metadata"},
            new String[] {"45 → 46", "hdb_catalog.hdb_cron_events"},
            new String[] {"46 → 47", "hdb_catalog.hdb_cron_event_invocation_logs"},
            new String[] {"47 → 48", "hdb_catalog.hdb_version"});

    static Stream<Arguments> boundaries() {
        List<Arguments> points = new ArrayList<>();
        for (String[] step : DOWN) {
            for (Fault fault : Fault.values()) {
                points.add(Arguments.of(48, 43, step[0], step[1], fault));
            }
        }
        for (String[] step : UP) {
            points.add(Arguments.of(43, 48, step[0], step[1], Fault.KILL_CLIENT));
            points.add(Arguments.of(43, 48, step[0], step[1], Fault.TERMINATE_BACKEND));
        }
        return points.stream();
    }

    @ParameterizedTest(name = "{0} → {1}, at step {2}: {4}")
    @MethodSource("boundaries")
    void faultAtAStepBoundaryChangesNothing(int from, int to, String step, String table, Fault fault) throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, from);
            if (from >= 45) {
                Catalogs.addHasuraRows(db);
            }
            Fingerprint before = Fingerprint.of(db);
            String[] command = to < from
                    ? new String[] {"--to-version", Integer.toString(to), "--force", "--lock-timeout", fault == Fault.STEP_FAILS ? "1" : "120"}
                    : new String[] {"upgrade", "--to-version", Integer.toString(to), "--force", "--lock-timeout", "120"};
            try (Connection blocker = db.connect(); ChildRun child = start(db, blocker, table, command)) {
                if (fault != Fault.STEP_FAILS) {
                    child.awaitBlockedOnLock(db);
                }
                inject(db, child, fault, step);
                blocker.commit();
                ChildRun.awaitNoBackend(db);
            }
            assertUnchangedAndRecoverable(db, before, from, to);
        }
    }

    /** Killed or terminated while CREATE INDEX builds an index over 400,000 invocation logs (46 → 47 going up). */
    @ParameterizedTest(name = "43 → 48, in the middle of CREATE INDEX: {0}")
    @MethodSource("slowStatementFaults")
    void faultInTheMiddleOfASlowStatementChangesNothing(Fault fault) throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 43);
            db.execute("INSERT INTO hdb_catalog.hdb_cron_events (id, trigger_name, scheduled_time, status)"
                            + " SELECT 'e' || g, 't' || (g % 50), now() + g * interval '1 minute', 'delivered' FROM generate_series(1, 400000) g",
                    "INSERT INTO hdb_catalog.hdb_cron_event_invocation_logs (id, event_id, status, request, response)"
                            + " SELECT 'l' || g, 'e' || g, 200, '{}', '{}' FROM generate_series(1, 400000) g",
                    "ANALYZE hdb_catalog.hdb_cron_event_invocation_logs");
            Fingerprint before = Fingerprint.of(db);
            try (ChildRun child = ChildRun.start(db, "upgrade", "--to-version", "48", "--force")) {
                child.awaitStatement(db, "CREATE INDEX hdb_cron_event_invocation_event_id%");
                inject(db, child, fault, "46 → 47");
                ChildRun.awaitNoBackend(db);
            }
            assertUnchangedAndRecoverable(db, before, 43, 48);
        }
    }

    static Stream<Fault> slowStatementFaults() {
        return Stream.of(Fault.KILL_CLIENT, Fault.TERMINATE_BACKEND);
    }

    private static ChildRun start(TestDatabase db, Connection blocker, String table, String... command) throws Exception {
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.execute("LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE");
        }
        return ChildRun.start(db, command);
    }

    private static void inject(TestDatabase db, ChildRun child, Fault fault, String step) throws Exception {
        switch (fault) {
            case KILL_CLIENT -> child.kill();
            case TERMINATE_BACKEND -> {
                db.queryText("SELECT pg_terminate_backend(" + child.backendPid(db) + ")");
                int exit = child.await();
                String output = child.output();
                assertEquals(6, exit, "a terminated backend fails the run\n" + output);
                assertTrue(output.contains("step " + step + " failed") && output.contains("the whole run was rolled back"), output);
            }
            case STEP_FAILS -> {
                int exit = child.await();
                String output = child.output();
                assertEquals(6, exit, "a step that fails fails the run\n" + output);
                assertTrue(output.contains("step " + step + " failed: canceling statement due to lock timeout"), output);
            }
        }
        COVERED.incrementAndGet();
    }

    private static void assertUnchangedAndRecoverable(TestDatabase db, Fingerprint before, int from, int to) {
        Fingerprint after = Fingerprint.of(db);
        assertEquals(before.shape(), after.shape(), "catalog structure as before");
        assertEquals(before.rowChecksums(), after.rowChecksums(), "every row of hdb_catalog as before");
        assertEquals(before.history(), after.history(), "Liquibase history as before");
        assertEquals(Integer.toString(from), Catalogs.version(db));
        assertEquals("0", db.queryText("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"), "no lock left");
        CliRun next = to < from ? CliRun.on(db, "--to-version", Integer.toString(to)) : CliRun.on(db, "upgrade", "--to-version", Integer.toString(to));
        assertEquals(0, next.exitCode(), "the next run succeeds\n" + next.printed());
        assertEquals(Integer.toString(to), Catalogs.version(db));
    }

    @AfterAll
    static void report() {
        System.out.println("fault injection: " + COVERED.get() + " injection points covered, nothing changed at any of them");
    }
}
