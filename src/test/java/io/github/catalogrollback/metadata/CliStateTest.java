package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hasura CLI's migration state crosses 43 → 42: versions that hdb_version.cli_state records for the database
 * "default" and that hdb_catalog.schema_migrations lacks are added to it, plan counts them, nothing is removed on the
 * way back up, and a catalog without schema_migrations is left without it.
 */
class CliStateTest {

    /** What a config v3 CLI leaves: two versions applied while on v2, one already in schema_migrations, another database. */
    private static final String CLI_STATE = "{\"migrations\": {\"default\": {\"1600000000001\": false, \"1600000000002\": false,"
            + " \"1600000000003\": true}, \"warehouse\": {\"1700000000000\": false}}, \"settings\": {\"migration_mode\": \"true\"},"
            + " \"isStateCopyCompleted\": true}";

    private static String migrations(TestDatabase db) {
        return db.queryText("SELECT string_agg(version || ':' || dirty, ',' ORDER BY version) FROM hdb_catalog.schema_migrations");
    }

    @Test
    void versionsOnlyInCliStateAreAddedToSchemaMigrationsAndStayOnTheWayUp() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            db.execute("CREATE TABLE hdb_catalog.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
                    "INSERT INTO hdb_catalog.schema_migrations VALUES (1600000000001, false), (1500000000000, false)",
                    "UPDATE hdb_catalog.hdb_version SET cli_state = '" + CLI_STATE + "'");

            CliRun plan = CliRun.on(db, "plan", "--to-version", "42");
            assertTrue(plan.out().contains("43 → 42 CLI migrations: adds 2 versions that hdb_version.cli_state records to"
                    + " hdb_catalog.schema_migrations"), plan.printed());
            CliRun json = CliRun.on(db, "plan", "--to-version", "42", "--output", "json");
            assertEquals("2", String.valueOf(((Map<?, ?>) ((Map<?, ?>) Documents.parse(json.out())).get("toV1")).get("cliMigrations")));

            CliRun down = CliRun.on(db, "--to-version", "42");
            assertEquals(0, down.exitCode(), "the CLI's table is a foreign object every step keeps\n" + down.printed());
            assertEquals("42", Catalogs.version(db));
            assertEquals("1500000000000:false,1600000000001:false,1600000000002:false,1600000000003:true", migrations(db),
                    "the versions of database default that schema_migrations lacked, with their dirty flag; nothing else");
            assertEquals("t", db.queryText("SELECT cli_state = '" + CLI_STATE + "'::jsonb FROM hdb_catalog.hdb_version"),
                    "cli_state stays as it is");

            CliRun up = CliRun.on(db, "upgrade", "--to-version", "47");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("47", Catalogs.version(db));
            assertEquals("1500000000000:false,1600000000001:false,1600000000002:false,1600000000003:true", migrations(db),
                    "nothing is removed on the way up");
        }
    }

    @Test
    void aCatalogWithoutSchemaMigrationsIsLeftWithoutIt() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            db.execute("UPDATE hdb_catalog.hdb_version SET cli_state = '" + CLI_STATE + "'");
            CliRun plan = CliRun.on(db, "plan", "--to-version", "42");
            assertTrue(!plan.out().contains("CLI migrations"), plan.printed());
            CliRun down = CliRun.on(db, "--to-version", "42");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals(null, db.queryText("SELECT to_regclass('hdb_catalog.schema_migrations')"), "no schema_migrations made");
        }
    }
}
