package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Liquibase's history as an earlier build of the tool, or Hasura itself, may have left it. */
class ChangelogHistoryTest {

    private static final String OURS = "author = 'catalog-rollback' AND filename = 'hasura-catalog'";

    @Test
    void historyWithChecksumsOfAnEarlierBuildStillMovesAndGetsThisBuildsChecksums() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            // An earlier build worded its changesets differently: Liquibase alone would stop with "Validation Failed".
            db.execute("UPDATE hdb_catalog_rollback.databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE " + OURS);

            CliRun down = CliRun.on(db, "--to-version", "46");

            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("46", Catalogs.version(db));
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.databasechangelog WHERE " + OURS
                    + " AND md5sum IS DISTINCT FROM NULL AND md5sum = '9:00000000000000000000000000000000'"),
                    "no row keeps the earlier build's checksum");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.databasechangelog WHERE " + OURS
                    + " AND md5sum IS NULL"), "Liquibase recorded this build's checksum for every changeset");
        }
    }

    @Test
    void catalogMovedByHasuraIsReconciledAndSaysSo() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            // Hasura's own server upgraded the catalog to 48 (the EE columns), without catalog-rollback.
            db.execute("ALTER TABLE hdb_catalog.hdb_version ADD COLUMN ee_client_id text, ADD COLUMN ee_client_secret text",
                    "UPDATE hdb_catalog.hdb_version SET version = '48'");

            CliRun run = CliRun.on(db, "--to-version", "47");

            assertEquals(0, run.exitCode(), run.printed());
            assertEquals("47", Catalogs.version(db));
            assertEquals(1, run.out().lines().filter(l -> l.contains("history reconciled: it recorded catalog 47, hdb_version says 48"))
                    .count(), "tells the operator that the history was corrected\n" + run.printed());
        }
    }
}
