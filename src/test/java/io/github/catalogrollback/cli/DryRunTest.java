package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import org.junit.jupiter.api.Test;

class DryRunTest {

    @Test
    void dryRunPrintsTheSqlAndChangesNothing() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            db.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'id', ee_client_secret = 'secret'");
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "44", "--dry-run");

            assertEquals(0, run.exitCode(), run.printed());
            assertTrue(run.out().contains("ALTER TABLE hdb_catalog.hdb_version DROP COLUMN ee_client_id"), "prints 48 → 47's SQL\n" + run.printed());
            assertTrue(run.out().contains("DROP INDEX hdb_catalog.hdb_cron_event_invocation_event_id"), "prints 47 → 46's SQL\n" + run.printed());
            assertTrue(run.out().contains("DROP TABLE hdb_catalog.hdb_schema_notifications"), "prints 45 → 44's SQL\n" + run.printed());
            assertTrue(run.out().contains("VALUES ('44', now())"), "prints the version upsert\n" + run.printed());
            assertTrue(run.out().contains("then rolled back (dry run): the real run would succeed"), run.printed());
            assertEquals(before, Fingerprint.of(db), "catalog, rows and history are as before");
        }
    }

    @Test
    void dryRunOfAFailingPathSaysSoAndChangesNothing() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 46);
            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE");
            Catalogs.forbidDropping(db, "hdb_catalog.hdb_schema_notifications");
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.on(db, "--to-version", "44", "--dry-run");

            assertEquals(6, run.exitCode(), run.printed());
            assertTrue(run.err().contains("step 45 → 44 failed"), run.printed());
            assertEquals(before, Fingerprint.of(db), "nothing changed, not even the adoption");
        }
    }

    @Test
    void dryRunUpgradeAndInitChangeNothing() {
        try (TestDatabase db = TestDatabase.fresh()) {
            CliRun init = CliRun.on(db, "init", "--to-version", "46", "--dry-run");
            assertEquals(0, init.exitCode(), init.printed());
            assertTrue(init.out().contains("CREATE TABLE hdb_catalog.hdb_version"), init.printed());
            assertEquals("f", db.queryText("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hdb_catalog')"),
                    "init --dry-run created nothing");

            Catalogs.init(db, 45);
            Fingerprint before = Fingerprint.of(db);
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48", "--dry-run");
            assertEquals(0, up.exitCode(), up.printed());
            assertTrue(up.out().contains("ADD ee_client_id TEXT") || up.out().contains("ADD COLUMN ee_client_id"), up.printed());
            assertEquals(before, Fingerprint.of(db), "upgrade --dry-run changed nothing");
        }
    }

    @Test
    void dryRunNamesNoBackupAndHistoryRecordsNone() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            db.execute("UPDATE hdb_catalog.hdb_version SET ee_client_id = 'id', ee_client_secret = 'secret'");

            CliRun text = CliRun.on(db, "--to-version", "44", "--dry-run");
            assertEquals(0, text.exitCode(), text.printed());
            assertTrue(text.out().contains("drops hdb_catalog.hdb_version.ee_client_id"), "the losses are still listed\n" + text.printed());
            assertFalse(text.out().contains("backup:"), "no backup table named\n" + text.printed());
            assertFalse(text.out().contains("--restore-from"), "no restore command\n" + text.printed());
            assertFalse(text.out().contains("backed up"), "nothing claimed as backed up\n" + text.printed());

            CliRun json = CliRun.on(db, "--to-version", "44", "--dry-run", "--output", "json");
            assertEquals(0, json.exitCode(), json.printed());
            assertEquals("null", jsonField(db, json.out(), "backupTable"), "the JSON result names no backup table\n" + json.printed());

            CliRun history = CliRun.on(db, "history", "--output", "json");
            assertEquals(0, history.exitCode(), history.printed());
            assertEquals("2", query(db, "SELECT count(*) FROM json_array_elements(?::json) e WHERE (e->>'dryRun')::boolean", history.out()),
                    "both dry runs are recorded\n" + history.printed());
            assertEquals("0", query(db, "SELECT count(*) FROM json_array_elements(?::json) e WHERE e->>'backupTable' IS NOT NULL",
                    history.out()), "history shows no backup for a dry run\n" + history.printed());
            assertFalse(CliRun.on(db, "history").out().contains("backup"), "nor does its text");

            CliRun real = CliRun.on(db, "--to-version", "47");
            assertEquals(0, real.exitCode(), real.printed());
            assertTrue(real.out().contains("backup: hdb_catalog_rollback.backup_"), "a real run still names its backup\n" + real.printed());
        }
    }

    @Test
    void theScriptOf43To42PointsAtWhatTheUserCanSee() {
        CliRun sql = CliRun.run("sql", "--from-version", "43", "--to-version", "42");
        assertEquals(0, sql.exitCode(), sql.printed());
        assertFalse(sql.out().contains("changelog header"), "no pointer to a changelog header the user never sees");
        assertTrue(sql.out().contains("`catalog-rollback plan --to-version 42` lists every such item"), sql.printed());
    }

    private static String jsonField(TestDatabase db, String json, String field) throws Exception {
        return query(db, "SELECT coalesce((?::jsonb -> '" + field + "')::text, 'missing')", json);
    }

    private static String query(TestDatabase db, String sql, String parameter) throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
