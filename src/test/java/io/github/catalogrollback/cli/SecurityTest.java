package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password or credential-bearing URL in any output, stack trace, audit row or file; TLS parameters pass through;
 * and no role but the running user (or one it trusts) can plant code in the tool's schema for a run to execute.
 */
class SecurityTest {

    /** A distinctive password: searched for everywhere the tool writes. */
    private static final String MARKER = "Zq9-Secret-Marker";

    /** A login role with a unique name (other helpers' tests share the server), dropped at the end. */
    private record TestRole(String name, String password) implements AutoCloseable {
        static TestRole create(String prefix, String password, String options) {
            String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            TestDatabase.executeOnServer("CREATE ROLE " + name + " LOGIN " + options + " PASSWORD '" + password + "'");
            return new TestRole(name, password);
        }

        void execute(TestDatabase db, String... sql) {
            try (Connection c = db.connectAs(name, password); Statement st = c.createStatement()) {
                for (String s : sql) {
                    st.execute(s);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            TestDatabase.executeOnServer("DROP ROLE IF EXISTS " + name);
        }
    }

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

            Catalogs.forbidDropping(db, "hdb_catalog.hdb_version.ee_client_id");
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

    @Test
    void aDistinctivePasswordReachesNoOutputNoRunHistoryRowAndNoFile(@TempDir Path home) throws Exception {
        try (TestRole owner = TestRole.create("sec_marker", MARKER, "SUPERUSER"); TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            String url = db.urlAs(owner.name(), MARKER);
            String host = url.substring(url.lastIndexOf('@') + 1);
            List<List<String>> runs = List.of(
                    List.of("--to-version", "47", "--database-ur", url),
                    List.of("--to-version", "47", url),
                    List.of("--to-version", "47", "--lock-timeout", url),
                    List.of("--to-release", url, "--database-url", url),
                    List.of("--to-version", "47", "--database-url=" + url, "--bogus"),
                    List.of("status", "--database-url", "postgres://" + owner.name() + ":" + MARKER + "@x@" + host, "--output", "json"),
                    List.of("status", "--database-url", "postgres://" + owner.name() + ":pa%zz" + MARKER + "@" + host),
                    List.of("status", "--stacktrace", "--database-url", db.urlAs(owner.name(), MARKER + "-wrong")),
                    List.of("upgrade", "--to-version", "47", "--database-url", url, "--output", "json"),
                    List.of("--to-version", "47", "--database-url", url, "--output", "json"),
                    List.of("--to-version", "47", "--stacktrace", "--detailed-exitcode", "--database-url", url));
            List<Integer> codes = new ArrayList<>();
            for (List<String> args : runs) {
                CliRun run = CliRun.run(args.toArray(String[]::new));
                codes.add(run.exitCode());
                assertFalse(run.out().contains("Zq9") || run.err().contains("Zq9"), "the password is not printed: " + args + "\n"
                        + run.printed().replace(MARKER, "<MARKER>"));
            }
            assertEquals(List.of(2, 2, 2, 4, 2, 2, 2, 7, 4, 0, 3), codes, "each run ended as it should");
            db.execute("ALTER TABLE hdb_catalog.hdb_version ADD COLUMN ee_client_id text");
            CliRun failed = CliRun.run("upgrade", "--to-version", "48", "--ignore-drift", "--stacktrace", "--database-url", url);
            assertEquals(6, failed.exitCode(), failed.printed().replace(MARKER, "<MARKER>"));
            assertFalse(failed.out().contains("Zq9") || failed.err().contains("Zq9"), "no password in a failed step's stack trace");
            CliRun fromEnv = CliRun.withEnv(Map.of("PGPASSWORD", MARKER), "status", "--database-url", "postgres://" + owner.name() + "@" + host);
            assertEquals(0, fromEnv.exitCode(), "PGPASSWORD supplies the password\n" + fromEnv.printed().replace(MARKER, "<MARKER>"));
            assertFalse(fromEnv.out().contains("Zq9") || fromEnv.err().contains("Zq9"), "no password from PGPASSWORD printed");

            db.execute("ALTER TABLE hdb_catalog.hdb_version DROP COLUMN ee_client_id");
            try (ChildRun child = ChildRun.startIn(home, Map.of(), "upgrade", "--to-version", "48", "--database-url", url)) {
                int code = child.await();
                String output = child.output();
                assertEquals(0, code, output.replace(MARKER, "<MARKER>"));
                assertFalse(output.contains("Zq9"), "the child printed no password");
            }
            assertEquals("init:committed, rollback:committed, rollback:nothing-to-do, upgrade:committed, upgrade:refused, upgrade:rolled-back",
                    db.queryText("SELECT string_agg(command || ':' || outcome, ', ' ORDER BY command, outcome) FROM hdb_catalog_rollback.run_history"),
                    "the init, refused, committed, nothing-to-do, failed and the child's runs are recorded");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.run_history r WHERE r::text LIKE '%Zq9%'"),
                    "no run history row holds the password");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.databasechangelog r WHERE r::text LIKE '%Zq9%'"),
                    "no Liquibase history row holds the password");
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("Zq9"),
                            "no file the tool wrote holds the password: " + file);
                }
            }
        }
    }

    @Test
    void aShortPasswordDoesNotGarbleTheMessage() {
        CliRun run = CliRun.run("status", "--database-url", "postgres://u:e@127.0.0.1:1/hasura");
        assertEquals(7, run.exitCode(), run.printed());
        assertFalse(run.err().contains("***"), "no word of the message is masked\n" + run.printed());
        assertTrue(run.err().contains("cannot connect to 127.0.0.1:1 (Connection to 127.0.0.1:1 refused"), run.printed());
    }

    @Test
    void aToolSchemaPreCreatedByALowPrivilegeRoleIsRefusedAndItsTriggerNeverFires() {
        try (TestRole mallory = TestRole.create("sec_mallory", "Mallory-pw-1", ""); TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE", "GRANT CREATE ON DATABASE " + db.name() + " TO " + mallory.name());
            mallory.execute(db,
                    "CREATE SCHEMA hdb_catalog_rollback",
                    "GRANT USAGE, CREATE ON SCHEMA hdb_catalog_rollback TO PUBLIC",
                    "CREATE TABLE hdb_catalog_rollback.fired (who text NOT NULL, super boolean NOT NULL)",
                    "GRANT INSERT ON hdb_catalog_rollback.fired TO PUBLIC",
                    "CREATE FUNCTION hdb_catalog_rollback.plant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " INSERT INTO hdb_catalog_rollback.fired SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user;"
                            + " RETURN NEW; END $$",
                    "CREATE TABLE hdb_catalog_rollback.run_history (run_id text PRIMARY KEY, started_at timestamptz NOT NULL,"
                            + " finished_at timestamptz NOT NULL, database_user text NOT NULL, os_user text, command text NOT NULL,"
                            + " from_version integer, to_version integer, dry_run boolean NOT NULL, outcome text NOT NULL,"
                            + " duration_ms bigint NOT NULL, backup_table text, message text)",
                    "GRANT ALL ON hdb_catalog_rollback.run_history TO PUBLIC",
                    "CREATE TRIGGER plant BEFORE INSERT OR UPDATE ON hdb_catalog_rollback.run_history FOR EACH ROW"
                            + " EXECUTE FUNCTION hdb_catalog_rollback.plant()");
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "47");
            assertEquals(4, run.exitCode(), run.printed());
            assertTrue(run.err().contains("the tool's schema hdb_catalog_rollback is not safe to use as user " + db.user()
                    + ": schema hdb_catalog_rollback is owned by " + mallory.name()), run.printed());
            assertTrue(run.err().contains("trigger plant on hdb_catalog_rollback.run_history exists"), run.printed());
            assertEquals(1, run.err().strip().lines().count(), run.printed());
            CliRun nothingToDo = CliRun.on(db, "--to-version", "48");
            assertEquals(4, nothingToDo.exitCode(), "a run refuses the schema even when there is nothing to do\n" + nothingToDo.printed());
            CliRun dryRun = CliRun.on(db, "--to-version", "47", "--dry-run", "--output", "json");
            assertEquals(4, dryRun.exitCode(), dryRun.printed());
            assertTrue(dryRun.out().startsWith("{\"outcome\":\"refused\",\"exitCode\":4,"), dryRun.printed());

            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.fired"), "the planted trigger never fired");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.run_history"), "nothing was written there");
            assertEquals(null, db.queryText("SELECT to_regclass('hdb_catalog_rollback.databasechangelog')::text"),
                    "the tool created nothing in that schema");
            assertEquals(mallory.name(), db.queryText("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'hdb_catalog_rollback'"));
            assertEquals(before, Fingerprint.of(db), "the catalog is exactly as it was");

            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE");
            CliRun afterRepair = CliRun.on(db, "--to-version", "47");
            assertEquals(0, afterRepair.exitCode(), "once the schema is gone the run creates its own\n" + afterRepair.printed());
        }
    }

    @Test
    void aFunctionPlantedInTheToolsSchemaOrATriggerOrRuleOnItsTablesIsRefused() {
        try (TestRole mallory = TestRole.create("sec_mallory", "Mallory-pw-2", ""); TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Fingerprint before = Fingerprint.of(db);
            db.execute("GRANT USAGE, CREATE ON SCHEMA hdb_catalog_rollback TO " + mallory.name());
            mallory.execute(db, "CREATE FUNCTION hdb_catalog_rollback.now() RETURNS timestamptz LANGUAGE sql AS 'SELECT now()'",
                    "CREATE SEQUENCE hdb_catalog_rollback.seq");
            CliRun function = CliRun.on(db, "--to-version", "47");
            assertEquals(4, function.exitCode(), function.printed());
            assertTrue(function.err().contains("sequence hdb_catalog_rollback.seq is owned by " + mallory.name()
                    + "; function hdb_catalog_rollback.now is owned by " + mallory.name()), function.printed());

            db.execute("DROP FUNCTION hdb_catalog_rollback.now()", "DROP SEQUENCE hdb_catalog_rollback.seq",
                    "CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                    "CREATE TRIGGER noop AFTER INSERT ON hdb_catalog_rollback.databasechangelog FOR EACH ROW EXECUTE FUNCTION public.noop()");
            CliRun trigger = CliRun.on(db, "--to-version", "47");
            assertEquals(4, trigger.exitCode(), "a trigger is refused even when the running user made it\n" + trigger.printed());
            assertTrue(trigger.err().contains("trigger noop on hdb_catalog_rollback.databasechangelog exists (catalog-rollback creates none)"),
                    trigger.printed());

            db.execute("DROP TRIGGER noop ON hdb_catalog_rollback.databasechangelog",
                    "CREATE RULE keep AS ON DELETE TO hdb_catalog_rollback.databasechangelog DO INSTEAD NOTHING");
            CliRun rule = CliRun.on(db, "--to-version", "47");
            assertEquals(4, rule.exitCode(), rule.printed());
            assertTrue(rule.err().contains("rule keep on hdb_catalog_rollback.databasechangelog exists"), rule.printed());
            assertEquals(before, Fingerprint.of(db), "nothing changed");
        }
    }

    @Test
    void readOnlyCommandsRefuseToolTablesWhoseReadingRunsCode() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("ALTER TABLE hdb_catalog_rollback.run_history ENABLE ROW LEVEL SECURITY");
            for (String verb : List.of("status", "history")) {
                CliRun run = CliRun.on(db, verb);
                assertEquals(4, run.exitCode(), run.printed());
                assertTrue(run.err().contains("hdb_catalog_rollback.run_history (owned by " + db.user() + ") has row-level security"),
                        run.printed());
            }
        }
    }

    @Test
    void aRunAsTheCatalogsOwnerIsRefusedWhenACatalogFunctionBelongsToAnotherRole() {
        try (TestRole owner = TestRole.create("sec_owner", "Owner-pw-3", "");
             TestRole other = TestRole.create("sec_other", "Other-pw-3", "");
             TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("DO $$ DECLARE r record; BEGIN"
                    + " FOR r IN SELECT k.oid::regclass AS t FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                    + "   WHERE n.nspname IN ('hdb_catalog', 'hdb_catalog_rollback') AND k.relkind IN ('r', 'S', 'v') LOOP"
                    + "   EXECUTE format('ALTER TABLE %s OWNER TO " + owner.name() + "', r.t); END LOOP;"
                    + " END $$",
                    "ALTER SCHEMA hdb_catalog OWNER TO " + owner.name(),
                    "ALTER SCHEMA hdb_catalog_rollback OWNER TO " + owner.name(),
                    "ALTER FUNCTION hdb_catalog.gen_hasura_uuid() OWNER TO " + other.name());
            Fingerprint before = Fingerprint.of(db);
            CliRun run = CliRun.run("--to-version", "47", "--database-url", db.urlAs(owner.name(), owner.password()));
            assertEquals(4, run.exitCode(), run.printed());
            assertTrue(run.err().contains("user " + owner.name() + " lacks what the run needs: owner of 1 hdb_catalog objects"
                    + " (e.g. function hdb_catalog.gen_hasura_uuid, owned by " + other.name() + ")"), run.printed());
            assertEquals(before, Fingerprint.of(db), "nothing changed");

            db.execute("ALTER FUNCTION hdb_catalog.gen_hasura_uuid() OWNER TO " + owner.name());
            CliRun owned = CliRun.run("--to-version", "47", "--database-url", db.urlAs(owner.name(), owner.password()));
            assertEquals(0, owned.exitCode(), "the catalog's owner can run once it owns everything\n" + owned.printed());
        }
    }
}
