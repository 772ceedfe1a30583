package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Faults along the longest path down through v1: 43 → 42 and the steps of 42 → 12, on a realistic catalog (v1 metadata, event triggers,
 * events, cron events). The injection point of each step is found from the run's own SQL (a dry run): the first
 * table that the step changes and no earlier step changes. A session holds a SHARE ROW EXCLUSIVE lock on
 * it (reads pass, writes and DDL wait), so the run stops inside that step (or, where an earlier step needs that
 * lock too, e.g. to drop a foreign key that points at it, a little earlier); then the client is killed, its
 * backend terminated, or the step fails on its lock timeout, in turn. After each, the catalog, every row of
 * hdb_catalog and Liquibase's history are as before, no lock is left, and the next run succeeds.
 * A step can only be stopped this way at an object no earlier step of the path has changed (the run's own lock
 * would then be in the way), so steps that only change what earlier steps changed (hdb_table, event_log, the
 * re-created views) are covered by the steps around them. 48 → 43 is covered step by step in
 * {@link FaultInjectionTest}; from 48 the v1 steps cannot be stopped from outside at all, because 43 → 42 creates
 * the v1 tables inside the run's own transaction — hence a path that starts at 43.
 */
class LongPathFaultTest {

    /** What a statement changes: the table or view after ALTER/DROP/CREATE OR REPLACE/INSERT INTO/UPDATE/DELETE/ON. */
    private static final Pattern WRITTEN = Pattern.compile("(?i)(?:ALTER TABLE|DROP TABLE|DROP VIEW|CREATE OR REPLACE VIEW|CREATE VIEW|"
            + "INSERT INTO|UPDATE|DELETE FROM|TRUNCATE(?: TABLE)?|\\bON)\\s+(?:IF EXISTS\\s+)?(?:ONLY\\s+)?hdb_catalog\\.\"?(\\w+)\"?");
    private static final Pattern MENTIONED = Pattern.compile("hdb_catalog\\.\"?(\\w+)\"?");
    private static final Pattern STEP_DONE = Pattern.compile("DELETE FROM hdb_catalog_rollback\\.databasechangelog WHERE ID = '(step-(\\d+)-to-(\\d+))'");
    private static final AtomicInteger COVERED = new AtomicInteger();

    enum Fault { KILL_CLIENT, TERMINATE_BACKEND, STEP_FAILS }

    @TestFactory
    List<DynamicTest> faultInsideEveryStepOfTheLongestV1Path() throws Exception {
        TestDatabase at42 = TestDatabase.fresh();
        Catalogs.init(at42, 42);
        at42.execute(fixture());
        TestDatabase at43 = TestDatabase.copyOf(at42);
        assertEquals(0, CliRun.on(at43, "upgrade", "--to-version", "43").exitCode());

        Map<String, String> points = injectionPoints(at42, 12);
        assertTrue(points.size() >= 9, "at least 9 of the 30 steps 42 → 12 can be stopped from outside: " + points);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("43 → 42 at hdb_catalog.hdb_metadata: KILL_CLIENT",
                () -> inject(at43, 43, 42, "43 → 42", "hdb_catalog.hdb_metadata", Fault.KILL_CLIENT)));
        Fault[] faults = Fault.values();
        int i = 1;
        for (Map.Entry<String, String> point : points.entrySet()) {
            Fault fault = faults[i++ % faults.length];
            tests.add(DynamicTest.dynamicTest(point.getKey() + " at " + point.getValue() + ": " + fault,
                    () -> inject(at42, 42, 12, point.getKey(), point.getValue(), fault)));
        }
        tests.add(DynamicTest.dynamicTest("drop the templates", () -> {
            at42.close();
            at43.close();
        }));
        return tests;
    }

    /** Step label ("42 → 41") → the object whose lock stops the run inside that step. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> injectionPoints(TestDatabase source, int target) {
        Map<String, String> points = new LinkedHashMap<>();
        try (TestDatabase db = TestDatabase.copyOf(source)) {
            CliRun dry = CliRun.on(db, "--to-version", Integer.toString(target), "--dry-run", "--output", "json");
            assertEquals(0, dry.exitCode(), dry.printed());
            List<String> sql = (List<String>) ((Map<String, Object>) new Yaml().load(dry.out())).get("sql");
            Set<String> lockable = new HashSet<>(List.of(db.queryText("SELECT string_agg(relname, ',') FROM pg_class k JOIN pg_namespace n"
                    + " ON n.oid = k.relnamespace WHERE n.nspname = 'hdb_catalog' AND k.relkind = 'r'").split(",")));
            // tables only: locking a view locks its base relations too, and the catalog's views read pg_catalog
            lockable.remove("hdb_version");
            Set<String> touched = new HashSet<>();
            List<String> stepSql = new ArrayList<>();
            for (String statement : sql) {
                Matcher done = STEP_DONE.matcher(statement);
                if (!done.find()) {
                    stepSql.add(statement);
                    continue;
                }
                String label = done.group(3) + " → " + done.group(2);
                for (String statement2 : stepSql) {
                    Matcher m = WRITTEN.matcher(statement2);
                    String found = null;
                    while (m.find() && found == null) {
                        if (lockable.contains(m.group(1)) && !touched.contains(m.group(1))) {
                            found = m.group(1);
                        }
                    }
                    if (found != null) {
                        points.put(label, "hdb_catalog." + found);
                        break;
                    }
                }
                for (String statement2 : stepSql) {
                    // what a DO block changes cannot be read off its text: count all it mentions as changed
                    Matcher m = (statement2.stripLeading().startsWith("DO") ? MENTIONED : WRITTEN).matcher(statement2);
                    while (m.find()) {
                        touched.add(m.group(1));
                    }
                }
                stepSql.clear();
            }
        }
        return points;
    }

    private static void inject(TestDatabase source, int from, int to, String step, String object, Fault fault) throws Exception {
        try (TestDatabase db = TestDatabase.copyOf(source)) {
            Fingerprint before = Fingerprint.of(db);
            try (Connection blocker = db.connect();
                 ChildRun child = start(db, blocker, object, to, fault == Fault.STEP_FAILS ? "1" : "120")) {
                String output = "";
                switch (fault) {
                    case KILL_CLIENT -> {
                        child.awaitBlockedOnLock(db);
                        child.kill();
                    }
                    case TERMINATE_BACKEND -> {
                        child.awaitBlockedOnLock(db);
                        db.queryText("SELECT pg_terminate_backend(" + child.backendPid(db) + ")");
                        assertEquals(6, child.await(), output = child.output());
                    }
                    case STEP_FAILS -> {
                        assertEquals(6, child.await(), output = child.output());
                        assertTrue(output.contains("canceling statement due to lock timeout"), output);
                    }
                }
                assertTrue(fault == Fault.KILL_CLIENT || output.contains("the whole run was rolled back, the catalog is still " + from), output);
                assertTrue(fault == Fault.KILL_CLIENT || output.contains("step "), "names the step it stopped in: " + output);
                blocker.commit();
                ChildRun.awaitNoBackend(db);
            }
            Fingerprint after = Fingerprint.of(db);
            assertEquals(before.shape(), after.shape(), "catalog structure as before (" + step + ")");
            assertEquals(before.rowChecksums(), after.rowChecksums(), "every row of hdb_catalog as before (" + step + ")");
            assertEquals(before.history(), after.history(), "Liquibase history as before (" + step + ")");
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"), "no lock left");
            CliRun next = CliRun.on(db, "--to-version", Integer.toString(to));
            assertEquals(0, next.exitCode(), "the next run succeeds\n" + next.printed());
            assertEquals(Integer.toString(to), Catalogs.version(db));
            COVERED.incrementAndGet();
        }
    }

    private static ChildRun start(TestDatabase db, Connection blocker, String object, int to, String lockTimeout) throws Exception {
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.execute("LOCK TABLE " + object + " IN SHARE ROW EXCLUSIVE MODE");
        }
        return ChildRun.start(db, "--to-version", Integer.toString(to), "--force", "--lock-timeout", lockTimeout);
    }

    private static String fixture() throws IOException {
        try (InputStream in = LongPathFaultTest.class.getClassLoader().getResourceAsStream("fixtures/v1-metadata-at-42.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("fault injection along 43 → 12: " + COVERED.get() + " injection points covered, nothing changed at any of them");
    }
}
