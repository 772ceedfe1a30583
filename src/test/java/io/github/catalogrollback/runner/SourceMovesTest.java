package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.SourceCatalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source catalogs move with the metadata catalog (real PostgreSQL): the metadata database's own in its transaction,
 * every other source database in its own transaction before it, a source-only database alone. Every event row
 * survives; what a down step destroys is backed up and comes back with --restore-from; the shapes are exactly the
 * versions' (index and constraint names included, which older servers drop without IF EXISTS).
 */
class SourceMovesTest {

    private static TestDatabase v1Born;
    private static TestDatabase sourceAt3;

    @BeforeAll
    static void buildTemplates() {
        v1Born = TestDatabase.fresh();
        SourceCatalogs.v1BornAt48(v1Born);
        sourceAt3 = TestDatabase.fresh();
        SourceCatalogs.sourceOnly(sourceAt3, 3);
        SourceCatalogs.addVersion3Rows(sourceAt3);
    }

    @AfterAll
    static void dropTemplates() {
        v1Born.close();
        sourceAt3.close();
    }

    private static String backupOf(TestDatabase db) {
        return db.queryText("SELECT tablename FROM pg_tables WHERE schemaname = 'hdb_catalog_rollback' AND tablename LIKE 'backup_%'"
                + " ORDER BY tablename DESC LIMIT 1");
    }

    @Test
    void rollbackToV2113TakesTheMetadataDatabaseTo47AndItsSourceCatalogTo2KeepingEveryEvent() {
        try (TestDatabase db = TestDatabase.copyOf(v1Born)) {
            String before = SourceCatalogs.eventRows(db);
            String logsWithTriggerName = db.queryText("SELECT count(*) FROM hdb_catalog.event_invocation_logs WHERE trigger_name IS NOT NULL");
            CliRun down = CliRun.on(db, "--to-release", "v2.11.3");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("47", Catalogs.version(db));
            assertEquals("2", SourceCatalogs.version(db), "a v2.11 server accepts source catalog 2 at most");
            assertEquals(before.replace("\nlog orphan-1 deleted-by-cleanup 200", ""), SourceCatalogs.eventRows(db),
                    "every event and every invocation log of an existing event is kept");
            assertEquals("event_invocation_logs_event_id_fkey: FOREIGN KEY (event_id) REFERENCES hdb_catalog.event_log(id)",
                    SourceCatalogs.invocationForeignKeys(db), "the foreign key is back under the name 2 → 3 drops");
            assertEquals(List.of("event_log_fetch_events", "event_log_pkey", "event_log_trigger_name_idx"), SourceCatalogs.eventLogIndexes(db));
            assertEquals("event_invocation_logs_event_id_idx", db.queryText("SELECT string_agg(indexname, ',') FROM pg_indexes"
                    + " WHERE tablename = 'event_invocation_logs' AND indexname <> 'event_invocation_logs_pkey'"));
            assertNull(db.queryText("SELECT to_regclass('hdb_catalog.hdb_event_log_cleanups')"), "no hdb_event_log_cleanups at 2");
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_attribute WHERE attrelid = 'hdb_catalog.event_invocation_logs'::regclass"
                    + " AND attname = 'trigger_name' AND NOT attisdropped"), "no trigger_name at 2");
            assertTrue(down.out().contains("source 3 → 2") && down.out().contains("committed in the metadata transaction"), down.printed());
            assertTrue(down.err().lines().anyMatch(l -> l.startsWith("  - source 3 → 2 of ") && l.contains(" ok ")),
                    "the source step's line went to stderr as it ended\n" + down.printed());
            assertEquals(0, CliRun.on(db, "verify").exitCode(), "the metadata catalog has the shape of 47");

            String backup = backupOf(db);
            assertEquals("2", db.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backup + " WHERE source = 'hdb_catalog.hdb_event_log_cleanups'"),
                    "both clean-up rows are backed up");
            assertEquals("1", db.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backup + " WHERE source = 'hdb_catalog.event_invocation_logs'"
                    + " AND columns = '{}' AND data ->> 'id' = 'orphan-1'"), "the orphan log is backed up whole");
            assertEquals(logsWithTriggerName, db.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backup
                    + " WHERE source = 'hdb_catalog.event_invocation_logs' AND columns = '{trigger_name}'"),
                    "the trigger_name of every log (the orphan's too) is backed up");

            String run = backup.substring("backup_".length());
            CliRun up = CliRun.on(db, "upgrade", "--to-release", "v2.36.0", "--restore-from", run);
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("48", Catalogs.version(db));
            assertEquals("3", SourceCatalogs.version(db), "a v2.36 server ships source catalog 3");
            assertEquals(before, SourceCatalogs.eventRows(db), "with the backup every row is back, the orphan log too");
            assertEquals("c1 completed 4,c2 scheduled -", db.queryText("SELECT string_agg(id || ' ' || status || ' ' || coalesce(deleted_event_logs::text, '-'),"
                    + " ',' ORDER BY id) FROM hdb_catalog.hdb_event_log_cleanups"), "the clean-up schedule is restored");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog.event_invocation_logs WHERE trigger_name IS NULL"),
                    "every log has its trigger_name again");
            assertEquals("", SourceCatalogs.invocationForeignKeys(db), "no foreign key at 3");
        }
    }

    @Test
    void rollbackToAV2AlphaTakesTheSourceCatalogTo1WithTheSingleColumnIndexesByName() {
        try (TestDatabase db = TestDatabase.copyOf(v1Born)) {
            String before = SourceCatalogs.eventRows(db);
            CliRun down = CliRun.on(db, "--to-release", "v2.0.0-alpha.10");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("46", Catalogs.version(db));
            assertEquals("1", SourceCatalogs.version(db), "v1.4.0-alpha.1 … v2.0.0-alpha.10 accept exactly 1");
            assertEquals(List.of("event_log_created_at_idx", "event_log_delivered_idx", "event_log_locked_idx", "event_log_pkey",
                    "event_log_trigger_name_idx"), SourceCatalogs.eventLogIndexes(db), "the single-column indexes are back, by name");
            assertEquals(before.replace("\nlog orphan-1 deleted-by-cleanup 200", ""), SourceCatalogs.eventRows(db));
        }
    }

    @Test
    void toReleaseV2200Keeps3() {
        try (TestDatabase db = TestDatabase.copyOf(v1Born)) {
            CliRun down = CliRun.on(db, "--to-release", "v2.20.0");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("47", Catalogs.version(db));
            assertEquals("3", SourceCatalogs.version(db), "v2.20.0 ships source catalog 3, so it stays");
            assertEquals("2", db.queryText("SELECT count(*) FROM hdb_catalog.hdb_event_log_cleanups"), "nothing of 3 is lost");
            assertTrue(down.out().contains("stays 3"), down.printed());
        }
    }

    @Test
    void toVersion47GoesTo2AndPlanNamesTheReleasesThatKeepMore() {
        try (TestDatabase db = TestDatabase.copyOf(v1Born)) {
            CliRun plan = CliRun.on(db, "plan", "--to-version", "47");
            assertEquals(0, plan.exitCode(), plan.printed());
            assertTrue(plan.out().contains("need source catalog ≤ 2: the highest every release of catalog 47 (v2.0.7 … v2.22.1) starts with"),
                    plan.printed());
            assertTrue(plan.out().contains("--to-release v2.13.0-beta.1 … v2.22.1 keeps 3"), plan.printed());
            assertTrue(plan.out().contains("drops table hdb_catalog.hdb_event_log_cleanups (2 rows)"), "plan counts what 3 → 2 drops\n" + plan.printed());
            assertTrue(plan.out().contains("deletes 1 row of hdb_catalog.event_invocation_logs"), plan.printed());
            CliRun json = CliRun.on(db, "plan", "--to-version", "47", "--output", "json");
            assertTrue(json.out().contains("\"sourceTarget\":{\"highest\":2,"), json.printed());
            assertTrue(json.out().contains("\"from\":3,\"to\":2"), json.printed());

            CliRun down = CliRun.on(db, "--to-version", "47");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("2", SourceCatalogs.version(db));
            CliRun again = CliRun.on(db, "--to-version", "47");
            assertEquals(0, again.exitCode(), "then there is nothing to do\n" + again.printed());
            assertTrue(again.out().contains("nothing to do"), again.printed());
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("3", SourceCatalogs.version(db), "every release of catalog 48 starts with 3");
        }
    }

    @Test
    void aSecondDatabaseNamedThroughAnEnvironmentVariableMovesInTheSameRun() {
        try (TestDatabase metadata = TestDatabase.copyOf(v1Born); TestDatabase warehouse = TestDatabase.copyOf(sourceAt3)) {
            String env = SourceCatalogs.envName("warehouse");
            SourceCatalogs.listSource(metadata, "warehouse", env, 1);
            Map<String, String> environment = Map.of(env, warehouse.url());
            String warehouseRows = SourceCatalogs.eventRows(warehouse);

            CliRun status = CliRun.withEnv(environment, "status", "--database-url", metadata.url());
            assertEquals(0, status.exitCode(), status.printed());
            assertTrue(status.out().contains("warehouse: database " + warehouse.name() + " on ") && status.out().contains("(from_env " + env
                    + "); source catalog 3, 1 event trigger"), status.printed());
            assertTrue(status.out().contains("default: the metadata database"), status.printed());
            CliRun json = CliRun.withEnv(environment, "status", "--database-url", metadata.url(), "--output", "json");
            assertTrue(json.out().contains("\"name\":\"warehouse\",\"origin\":\"from_env " + env + "\""), json.printed());
            assertFalse(status.out().contains(metadata.password()) || json.out().contains(metadata.password()), "no password is printed");

            CliRun down = CliRun.withEnv(environment, "--to-release", "v2.11.3", "--database-url", metadata.url());
            assertEquals(0, down.exitCode(), down.printed());
            assertFalse(down.out().contains(metadata.password()) || down.err().contains(metadata.password()));
            assertEquals("47", Catalogs.version(metadata));
            assertEquals("2", SourceCatalogs.version(metadata));
            assertEquals("2", SourceCatalogs.version(warehouse), "the other source database moved in the same run");
            assertEquals(warehouseRows.replace("\nlog orphan-1 deleted-by-cleanup 200", ""), SourceCatalogs.eventRows(warehouse));
            assertTrue(down.out().contains("2, committed in its own transaction, before the metadata database"), down.printed());
            String backup = backupOf(warehouse);
            assertEquals("2", warehouse.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backup
                    + " WHERE source = 'hdb_catalog.hdb_event_log_cleanups'"), "its losses are backed up in its own database");
            assertEquals("committed", warehouse.queryText("SELECT outcome FROM hdb_catalog_rollback.run_history"), "and its run history");
            assertEquals("2", warehouse.queryText("SELECT count(*) FROM hdb_catalog_rollback.source_databasechangelog WHERE tag IS NOT NULL"),
                    "its source history records source-1 and source-2");
            warehouse.execute("INSERT INTO public.orders (total) VALUES (30)");
            assertEquals("1", warehouse.queryText("SELECT count(*) FROM hdb_catalog.event_log WHERE payload -> 'data' -> 'new' ->> 'total' = '30'"),
                    "the event trigger still captures events at source catalog 2");

            CliRun up = CliRun.withEnv(environment, "upgrade", "--to-release", "v2.36.0", "--restore-from", backup.substring("backup_".length()),
                    "--database-url", metadata.url());
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("3", SourceCatalogs.version(warehouse));
            assertEquals("2", warehouse.queryText("SELECT count(*) FROM hdb_catalog.hdb_event_log_cleanups"), "restored in the source database");
        }
    }

    @Test
    void anUnreachableSourceRefusesTheWholeRunWithNothingChanged() {
        try (TestDatabase metadata = TestDatabase.copyOf(v1Born); TestDatabase warehouse = TestDatabase.copyOf(sourceAt3)) {
            String reachable = SourceCatalogs.envName("warehouse");
            String missing = SourceCatalogs.envName("archive");
            SourceCatalogs.listSource(metadata, "warehouse", reachable, 1);
            SourceCatalogs.listSource(metadata, "archive", missing, 2);
            Map<String, String> environment = Map.of(reachable, warehouse.url(),
                    missing, warehouse.url().replace("/" + warehouse.name(), "/cr_no_such_database"));
            Fingerprint metadataBefore = Fingerprint.of(metadata);
            Fingerprint warehouseBefore = Fingerprint.of(warehouse);

            CliRun down = CliRun.withEnv(environment, "--to-release", "v2.11.3", "--database-url", metadata.url());
            assertEquals(7, down.exitCode(), down.printed());
            assertTrue(down.err().contains("source archive (database cr_no_such_database on ") && down.err().contains("from_env " + missing)
                    && down.err().contains("nothing changed in any database"), down.printed());
            assertFalse(down.err().contains(warehouse.password()), "no password in the message");
            assertEquals(metadataBefore, Fingerprint.of(metadata), "the metadata database is unchanged");
            assertEquals(warehouseBefore, Fingerprint.of(warehouse), "the reachable source is unchanged");

            CliRun plan = CliRun.withEnv(environment, "plan", "--to-release", "v2.11.3", "--skip-source", "archive", "--database-url", metadata.url());
            assertEquals(0, plan.exitCode(), plan.printed());
            assertTrue(plan.out().contains("archive: skipped") && plan.out().contains("will not start the target server"), plan.printed());
            CliRun skipped = CliRun.withEnv(environment, "--to-release", "v2.11.3", "--skip-source", "archive", "--database-url", metadata.url());
            assertEquals(0, skipped.exitCode(), skipped.printed());
            assertEquals("2", SourceCatalogs.version(warehouse));
        }
    }

    @Test
    void aFailingSourceStopsBeforeTheMetadataDatabaseAndNamesWhatMoved() {
        try (TestDatabase metadata = TestDatabase.copyOf(v1Born); TestDatabase first = TestDatabase.copyOf(sourceAt3);
             TestDatabase second = TestDatabase.copyOf(sourceAt3)) {
            String a = SourceCatalogs.envName("first");
            String b = SourceCatalogs.envName("second");
            SourceCatalogs.listSource(metadata, "first", a, 1);
            SourceCatalogs.listSource(metadata, "second", b, 1);
            // A DBA's view on the column 3 → 2 drops: the step fails in the second source, after the first committed.
            second.execute("CREATE VIEW public.log_triggers AS SELECT trigger_name FROM hdb_catalog.event_invocation_logs");
            Fingerprint metadataBefore = Fingerprint.of(metadata);
            Fingerprint secondBefore = Fingerprint.of(second);

            CliRun down = CliRun.withEnv(Map.of(a, first.url(), b, second.url()), "--to-release", "v2.11.3", "--database-url", metadata.url());
            assertEquals(6, down.exitCode(), down.printed());
            assertTrue(down.err().contains("source second (") && down.err().contains("step source 3 → 2 failed")
                    && down.err().contains("Already moved and committed: first 3 → 2. The metadata database was not changed.")
                    && down.err().contains("a newer server upgrades a lower source catalog itself"), down.printed());
            assertEquals("2", SourceCatalogs.version(first), "the first source moved and stays moved");
            assertEquals(secondBefore, Fingerprint.of(second), "the failing source was rolled back");
            assertEquals(metadataBefore.shape(), Fingerprint.of(metadata).shape(), "the metadata database was not touched");
            assertEquals(metadataBefore.rowChecksums(), Fingerprint.of(metadata).rowChecksums());

            second.execute("DROP VIEW public.log_triggers");
            CliRun again = CliRun.withEnv(Map.of(a, first.url(), b, second.url()), "--to-release", "v2.11.3", "--database-url", metadata.url());
            assertEquals(0, again.exitCode(), "the same command finishes the job\n" + again.printed());
            assertEquals("2", SourceCatalogs.version(second));
            assertEquals("47", Catalogs.version(metadata));
        }
    }

    @Test
    void sourceOptionsAreCheckedWithoutEchoingAUrl() {
        try (TestDatabase metadata = TestDatabase.copyOf(v1Born)) {
            Fingerprint before = Fingerprint.of(metadata);
            CliRun malformed = CliRun.on(metadata, "--to-release", "v2.11.3", "--source", "warehouse=postgres://someone:s3cret-pw@");
            assertEquals(2, malformed.exitCode(), malformed.printed());
            assertTrue(malformed.err().startsWith("error: --source warehouse: the database URL names no host"), malformed.printed());
            assertFalse(malformed.err().contains("s3cret-pw"), "the URL is never repeated");
            CliRun unknown = CliRun.on(metadata, "--to-release", "v2.11.3", "--skip-source", "nowhere");
            assertEquals(2, unknown.exitCode(), unknown.printed());
            assertTrue(unknown.err().contains("name nowhere, which the metadata does not list (it lists: default)"), unknown.printed());
            String env = SourceCatalogs.envName("warehouse");
            SourceCatalogs.listSource(metadata, "warehouse", env, 1);
            CliRun unset = CliRun.on(metadata, "--to-release", "v2.11.3");
            assertEquals(4, unset.exitCode(), unset.printed());
            assertTrue(unset.err().contains("source warehouse (from_env " + env + "): environment variable " + env + " is not set here;"
                    + " nothing changed in any database. Pass --source warehouse=URL or --skip-source warehouse."), unset.printed());
            assertEquals(before.shape(), Fingerprint.of(metadata).shape(), "nothing changed");
        }
    }

    @Test
    void aDryRunRehearsesEverySourceAndChangesNothing() {
        try (TestDatabase metadata = TestDatabase.copyOf(v1Born); TestDatabase warehouse = TestDatabase.copyOf(sourceAt3)) {
            String env = SourceCatalogs.envName("warehouse");
            SourceCatalogs.listSource(metadata, "warehouse", env, 1);
            Fingerprint metadataBefore = Fingerprint.of(metadata);
            Fingerprint warehouseBefore = Fingerprint.of(warehouse);
            CliRun rehearsal = CliRun.withEnv(Map.of(env, warehouse.url()), "--to-release", "v2.11.3", "--dry-run", "--database-url", metadata.url());
            assertEquals(0, rehearsal.exitCode(), rehearsal.printed());
            assertTrue(rehearsal.out().contains("-- SQL run in the rehearsal on source warehouse"), rehearsal.printed());
            assertTrue(rehearsal.out().contains("rehearsed in its own transaction"), rehearsal.printed());
            assertEquals(warehouseBefore, Fingerprint.of(warehouse), "the source database is as it was");
            assertEquals(metadataBefore.shape(), Fingerprint.of(metadata).shape(), "the metadata database is as it was");
            assertEquals(metadataBefore.rowChecksums(), Fingerprint.of(metadata).rowChecksums());
        }
    }

    @Test
    void aSourceOnlyDatabaseMovesAlone() {
        try (TestDatabase db = TestDatabase.copyOf(sourceAt3)) {
            CliRun status = CliRun.on(db, "status");
            assertEquals(0, status.exitCode(), status.printed());
            assertTrue(status.out().contains("it holds only a source catalog") && status.out().contains("source catalog 3, 1 event trigger"),
                    status.printed());
            CliRun down = CliRun.on(db, "--to-release", "v2.11.3");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("2", SourceCatalogs.version(db));
            assertNull(db.queryText("SELECT to_regclass('hdb_catalog.hdb_version')"), "no metadata catalog appears");
            assertTrue(down.out().contains("backup: hdb_catalog_rollback.backup_"), down.printed());
            assertEquals(3, CliRun.on(db, "--to-release", "v2.11.3", "--detailed-exitcode").exitCode(), "then nothing to do");
            assertEquals("rollback - → - committed", db.queryText("SELECT command || ' ' || coalesce(from_version::text, '-') || ' → '"
                    + " || coalesce(to_version::text, '-') || ' ' || outcome FROM hdb_catalog_rollback.run_history WHERE command = 'rollback'"),
                    "the run history records the source-only run, without catalog versions");
            CliRun up = CliRun.on(db, "upgrade", "--to-release", "v2.36.0", "--output", "json");
            assertEquals(0, up.exitCode(), up.printed());
            assertTrue(up.out().contains("\"outcome\":\"committed\"") && up.out().contains("\"from\":2,\"to\":3"), up.printed());
            assertEquals("3", SourceCatalogs.version(db));
        }
    }

    @Test
    void bothFoursGoBackToExactlyTheShapeOf3() {
        try (TestDatabase reference = TestDatabase.copyOf(sourceAt3); TestDatabase fourA = TestDatabase.copyOf(sourceAt3);
             TestDatabase fourB = TestDatabase.copyOf(sourceAt3)) {
            CatalogShape three = SourceCatalogs.shape(reference);
            // 4a as v2.22.0-beta.1 left it: created_at defaults in UTC, version 4; the tool never writes it.
            fourA.execute("ALTER TABLE hdb_catalog.event_log ALTER COLUMN created_at SET DEFAULT (now() AT TIME ZONE 'utc')",
                    "ALTER TABLE hdb_catalog.event_invocation_logs ALTER COLUMN created_at SET DEFAULT (now() AT TIME ZONE 'utc')",
                    "UPDATE hdb_catalog.hdb_source_catalog_version SET version = '4'");
            assertTrue(CliRun.on(fourA, "status").out().contains("source catalog 4 (4a: created_at defaults in UTC"), "status tells 4a by shape");
            CliRun b = CliRun.on(fourB, "upgrade", "--to-release", "v2.46.0");
            assertEquals(0, b.exitCode(), b.printed());
            assertTrue(CliRun.on(fourB, "status").out().contains("source catalog 4 (4b: insert_event_log with NULLIF"), "status tells 4b by shape");
            fourB.execute("SELECT set_config('hasura.user', '', false)", "INSERT INTO public.orders (total) VALUES (5)");

            for (TestDatabase four : List.of(fourA, fourB)) {
                CliRun down = CliRun.on(four, "--to-release", "v2.36.0");
                assertEquals(0, down.exitCode(), down.printed());
                assertEquals("3", SourceCatalogs.version(four));
                assertEquals(List.of(), SourceCatalogs.shape(four).minus(three), "nothing of a 4 is left");
                assertEquals(List.of(), three.minus(SourceCatalogs.shape(four)), "nothing of 3 is missing");
            }
        }
    }

    @Test
    void sourceStepsGoUpAndBackToTheSameCatalogNamesIncluded() {
        try (TestDatabase db = TestDatabase.fresh()) {
            SourceCatalogs.sourceOnly(db, 1);
            CatalogShape one = SourceCatalogs.shape(db);
            String rows = SourceCatalogs.eventRows(db);
            assertEquals(0, CliRun.on(db, "upgrade", "--to-release", "v2.46.0").exitCode());
            assertEquals("4", SourceCatalogs.version(db));
            CliRun down = CliRun.on(db, "--to-release", "v2.0.0-alpha.10");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("1", SourceCatalogs.version(db));
            assertEquals(List.of(), SourceCatalogs.shape(db).minus(one), "left over after 1 → 4 → 1");
            assertEquals(List.of(), one.minus(SourceCatalogs.shape(db)), "missing after 1 → 4 → 1");
            assertEquals(rows, SourceCatalogs.eventRows(db));
        }
    }

    @Test
    void crossingToV1TakesTheSourceCatalogDownFirstAndRemovesIt() {
        try (TestDatabase db = TestDatabase.copyOf(v1Born)) {
            String before = SourceCatalogs.eventIds(db);
            CliRun down = CliRun.on(db, "--to-release", "v1.3.3");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("40", Catalogs.version(db));
            assertNull(db.queryText("SELECT to_regclass('hdb_catalog.hdb_source_catalog_version')"), "v1 keeps no source catalog version");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.source_databasechangelog"), "nor a source history");
            assertEquals(before.replace(",orphan-1", ""), SourceCatalogs.eventIds(db), "every event, and every log of an existing event, is kept");
            assertEquals(0, CliRun.on(db, "verify").exitCode(), "the catalog at 40 has the shape of 40");
            assertEquals("1", db.queryText("SELECT count(*) FROM hdb_catalog_rollback." + backupOf(db) + " WHERE data ->> 'id' = 'orphan-1'"
                    + " AND columns = '{}'"), "the orphan log is backed up once");
        }
    }

    @Test
    void upgradingFromV1To47LeavesTheNewSourceCatalogAt2() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 42);
            db.execute(SourceCatalogs.resource("fixtures/v1-metadata-at-42.sql"));
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "47");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("2", SourceCatalogs.version(db), "42 → 43 makes 3, and every release of 47 starts with 2 at most");
            assertTrue(up.out().contains("step 42 → 43 brings this database's event objects to source catalog 3 first"), up.printed());
            assertEquals(0, CliRun.on(db, "verify").exitCode());
        }
    }
}
