package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** plan, backup and restore, verify, refusal while Hasura runs, and the audit history. */
class SafetyCommandsTest {

    @Test
    void planReportsEveryStepAndWhatItDestroysWithLiveCounts() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            db.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'id', ee_client_secret = 'secret'");
            Fingerprint before = Fingerprint.of(db);

            CliRun plan = CliRun.on(db, "plan", "--to-version", "44");

            assertEquals(0, plan.exitCode(), plan.printed());
            assertTrue(plan.out().contains("1. 48 → 47:") && plan.out().contains("2. 47 → 46:") && plan.out().contains("4. 45 → 44:"),
                    plan.printed());
            assertTrue(plan.out().contains("drops hdb_catalog.hdb_version.ee_client_id, ee_client_secret (1 row with values)"), plan.printed());
            assertTrue(plan.out().contains("drops table hdb_catalog.hdb_schema_notifications (1 row)"), plan.printed());
            assertTrue(plan.out().contains("shape: matches catalog 48"), plan.printed());
            assertEquals(before, Fingerprint.of(db), "plan changes nothing");

            CliRun json = CliRun.on(db, "plan", "--to-release", "v2.0.6", "--output", "json");
            assertTrue(json.out().contains("\"direction\":\"rollback\"") && json.out().contains("\"count\":1")
                    && json.out().contains("\"table\":\"hdb_catalog.hdb_version\""), json.printed());
            assertEquals(0, CliRun.on(db, "plan", "--to-version", "48").exitCode(), "plan to the current version: nothing to do, exit 0");
        }
    }

    @Test
    void rollbackBacksUpWhatItDropsAndUpgradeRestoresIt() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            db.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'client-7', ee_client_secret = 's3cr3t-7'");

            CliRun down = CliRun.on(db, "--to-version", "44");
            assertEquals(0, down.exitCode(), down.printed());
            Matcher m = Pattern.compile("--restore-from (\\S+)`").matcher(down.out());
            assertTrue(m.find(), "the output says how to restore\n" + down.printed());
            String runId = m.group(1);
            assertEquals("2", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.backup_" + runId),
                    "one row of EE credentials and one schema notification backed up");

            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48", "--restore-from", runId);
            assertEquals(0, up.exitCode(), up.printed());
            assertTrue(up.out().contains("restored: 2 rows from the backup"), up.printed());
            assertEquals("client-7 s3cr3t-7", db.queryText("SELECT ee_client_id || ' ' || ee_client_secret FROM hdb_catalog.hdb_version"),
                    "48 → 44 → 48 ends with the EE client credentials back");
            assertEquals("6f1b5c1e-4a55-4b8e-9a51-0c6f0c1d2e3f", db.queryText("SELECT instance_id FROM hdb_catalog.hdb_schema_notifications"),
                    "and the schema notification");
        }
    }

    @Test
    void noBackupLeavesNoBackupAndAMissingBackupIsRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'x'");
            CliRun down = CliRun.on(db, "--to-version", "47", "--no-backup");
            assertEquals(0, down.exitCode(), down.printed());
            assertFalse(down.out().contains("backup:"), down.printed());
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_tables WHERE schemaname = 'hdb_catalog_rollback' AND tablename LIKE 'backup_%'"));
            Fingerprint before = Fingerprint.of(db);
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48", "--restore-from", "20990101t000000z_dead");
            assertEquals(4, up.exitCode(), up.printed());
            assertTrue(up.err().contains("there is no backup of run '20990101t000000z_dead'"), up.printed());
            assertEquals(before, Fingerprint.of(db));
        }
    }

    @Test
    void verifyFindsDriftAndRollbackRefusesIt() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            CliRun clean = CliRun.on(db, "verify");
            assertEquals(0, clean.exitCode(), clean.printed());
            assertTrue(clean.out().contains("has the shape of catalog 47 (no drift)"), clean.printed());

            db.execute("DROP INDEX hdb_catalog.hdb_cron_event_invocation_event_id",
                    "ALTER TABLE hdb_catalog.hdb_version ADD COLUMN note text");
            CliRun drift = CliRun.on(db, "verify");
            assertEquals(8, drift.exitCode(), drift.printed());
            assertTrue(drift.out().contains("1 difference from the shape of catalog 47 (real drift); 1 foreign object kept"),
                    drift.printed());
            assertTrue(drift.out().contains("missing or different: index hdb_catalog.hdb_cron_event_invocation_logs"
                    + " hdb_cron_event_invocation_event_id"), drift.printed());
            assertTrue(drift.out().contains("foreign, kept: column hdb_catalog.hdb_version note: text"),
                    "a column Hasura never made, on a table every path keeps, is not drift\n" + drift.printed());

            Fingerprint before = Fingerprint.of(db);
            CliRun refused = CliRun.on(db, "--to-version", "46");
            assertEquals(4, refused.exitCode(), refused.printed());
            assertTrue(refused.err().contains("the catalog differs from the shape of catalog 47 (1 difference"), refused.printed());
            assertEquals(before, Fingerprint.of(db), "nothing changed");
            CliRun forced = CliRun.on(db, "--to-version", "46", "--ignore-drift");
            assertEquals(6, forced.exitCode(), "with --ignore-drift the step meets the missing index and the run rolls back\n"
                    + forced.printed());
        }
    }

    @Test
    void verifyAcceptsGenuineVariants() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 46);
            db.execute("ALTER TABLE hdb_catalog.hdb_version RENAME CONSTRAINT hdb_version_pkey TO hasura_uuid_pkey",
                    "CREATE TABLE hdb_catalog.event_log (id text DEFAULT hdb_catalog.gen_hasura_uuid() PRIMARY KEY, locked timestamptz)",
                    "CREATE FUNCTION hdb_catalog.insert_event_log(schema_name text, table_name text, trigger_name text, op text,"
                            + " row_data json) RETURNS text LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'");
            CliRun verify = CliRun.on(db, "verify");
            assertEquals(0, verify.exitCode(), "an 8→9-named primary key and a v1-born catalog's event_log are genuine\n" + verify.printed());
            assertEquals(0, CliRun.on(db, "--to-version", "45").exitCode(), "and a rollback goes ahead");
        }
    }

    @Test
    void rollbackRefusesWhileHasuraIsConnected() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Properties props = new Properties();
            props.setProperty("user", db.user());
            props.setProperty("password", db.password());
            props.setProperty("ApplicationName", "graphql-engine");
            try (Connection hasura = DriverManager.getConnection(db.jdbcUrl(), props); Statement st = hasura.createStatement()) {
                st.execute("SELECT version FROM hdb_catalog.hdb_version");
                Fingerprint before = Fingerprint.of(db);
                CliRun run = CliRun.on(db, "--to-version", "47");
                assertEquals(4, run.exitCode(), run.printed());
                assertTrue(run.err().contains("Hasura may be running") && run.err().contains("(graphql-engine)")
                        && run.err().contains("looks like graphql-engine (application_name)"), run.printed());
                assertEquals(before, Fingerprint.of(db), "nothing changed");
                CliRun plan = CliRun.on(db, "plan", "--to-version", "47");
                assertTrue(plan.out().contains("the run would refuse (stop Hasura, or --force)"), plan.printed());
                CliRun forced = CliRun.on(db, "--to-version", "47", "--force");
                assertEquals(0, forced.exitCode(), forced.printed());
            }
            db.execute("UPDATE hdb_catalog.hdb_schema_notifications SET updated_at = now()",
                    "INSERT INTO hdb_catalog.hdb_schema_notifications (id, notification, instance_id) SELECT 1, '{}', gen_random_uuid()"
                            + " WHERE NOT EXISTS (SELECT 1 FROM hdb_catalog.hdb_schema_notifications)");
            CliRun recent = CliRun.on(db, "--to-version", "46");
            assertEquals(4, recent.exitCode(), recent.printed());
            assertTrue(recent.err().contains("hdb_schema_notifications was written less than 60 s ago"), recent.printed());
        }
    }

    @Test
    void everyRunIsRecordedWithoutSecrets() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            assertEquals(0, CliRun.on(db, "--to-version", "47", "--dry-run").exitCode());
            assertEquals(0, CliRun.on(db, "--to-version", "46").exitCode());
            assertEquals(4, CliRun.on(db, "upgrade", "--to-version", "44").exitCode());
            // A database-wide rule the checks cannot foresee: a DDL event trigger that forbids every drop.
            db.execute("CREATE FUNCTION public.no_drops() RETURNS event_trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN RAISE EXCEPTION 'drops are not allowed here'; END$$",
                    "CREATE EVENT TRIGGER no_drops ON sql_drop EXECUTE FUNCTION public.no_drops()");
            assertEquals(6, CliRun.on(db, "--to-version", "44").exitCode());

            CliRun history = CliRun.on(db, "history");
            assertEquals(0, history.exitCode(), history.printed());
            String[] lines = history.out().strip().split("\n");
            assertEquals(5, lines.length, "init, dry run, rollback, refusal, failure\n" + history.printed());
            assertTrue(lines[0].contains("rollback 46 → 44") && lines[0].contains("rolled-back"), history.printed());
            assertTrue(lines[1].contains("upgrade  46 → 44") && lines[1].contains("refused"), history.printed());
            assertTrue(lines[2].contains("rollback 48 → 46") && lines[2].contains("committed"), history.printed());
            assertTrue(lines[3].contains("48 → 47 (dry run)") && lines[3].contains("rehearsed"), history.printed());
            assertTrue(lines[4].contains("init") && lines[4].contains("- → 48") && lines[4].contains("committed"), history.printed());
            assertTrue(lines[2].contains("db user " + db.user() + ", os user " + System.getProperty("user.name")), history.printed());
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.run_history r WHERE r::text LIKE '%"
                    + db.password() + "%'"), "no password in any audit row");
            CliRun json = CliRun.on(db, "history", "--output", "json", "--limit", "1");
            assertTrue(json.out().startsWith("[{\"runId\":") && json.out().contains("\"outcome\":\"rolled-back\""), json.printed());
        }
    }
}
