package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.RealCatalogs;
import io.github.catalogrollback.support.SourceCatalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real catalog whose metadata database is also the default source: eduhub (catalog 47 made by v2.13.2, source
 * catalog 3 in its init_pg_source column order, three event triggers with cleanup_config, events and logs). The
 * headline case: `--to-release v2.11.3` leaves it where a v2.11 server starts.
 */
class RealCatalogSourcesTest {

    @Test
    void eduhubGoesToV2113AndBack() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            assertEquals(0, RealCatalogs.restore(RealCatalogs.corpus().resolve("eduhub-v47.sql"), db), "eduhub restores without errors");
            Map<String, String> env = Map.of("HASURA_GRAPHQL_DATABASE_URL", db.url());
            String ids = SourceCatalogs.eventIds(db);

            CliRun status = CliRun.withEnv(env, "status", "--database-url", db.url());
            assertEquals(0, status.exitCode(), status.printed());
            assertTrue(status.out().contains("default: the metadata database (from_env HASURA_GRAPHQL_DATABASE_URL); source catalog 3,"
                    + " 3 event triggers"), status.printed());
            CliRun inferred = CliRun.on(db, "plan", "--to-release", "v2.11.3");
            assertTrue(inferred.out().contains("from_env HASURA_GRAPHQL_DATABASE_URL, unset here: the metadata database"),
                    "without the variable, Hasura's own rule names the metadata database\n" + inferred.printed());

            CliRun down = CliRun.withEnv(env, "--to-release", "v2.11.3", "--database-url", db.url());
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("47", Catalogs.version(db), "eduhub is at 47 already");
            assertEquals("2", SourceCatalogs.version(db), "its source catalog goes to what v2.11.3 ships");
            assertEquals(ids, SourceCatalogs.eventIds(db), "its events and invocation logs are kept");
            assertEquals("event_invocation_logs_event_id_fkey: FOREIGN KEY (event_id) REFERENCES hdb_catalog.event_log(id)",
                    SourceCatalogs.invocationForeignKeys(db));
            assertEquals(0, CliRun.on(db, "verify").exitCode(), "the metadata catalog still has the shape of 47");

            CliRun up = CliRun.withEnv(env, "upgrade", "--to-release", "v2.36.0", "--database-url", db.url());
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("48", Catalogs.version(db));
            assertEquals("3", SourceCatalogs.version(db));
            assertEquals(ids, SourceCatalogs.eventIds(db));
        }
    }
}
