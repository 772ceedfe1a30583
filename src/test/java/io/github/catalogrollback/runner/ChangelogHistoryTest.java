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
            // The run parses only the files of its path (start-up), so Liquibase records this build's checksum for the
            // changesets the upgrade ran; the other rows keep NULL, which never fails Liquibase's validation (a NULL
            // checksum is taken as "not known yet"): stock Liquibase on master.yaml validates that history, below.
            assertEquals("4", db.queryText("SELECT count(*) FROM hdb_catalog_rollback.databasechangelog WHERE " + OURS
                    + " AND id IN ('step-46-to-47', 'catalog-47', 'step-47-to-48', 'catalog-48') AND md5sum LIKE '9:%'"),
                    "Liquibase recorded this build's checksum for the changesets the upgrade ran");
            assertEquals(0, io.github.catalogrollback.support.StockLiquibase.run(db, "rollback", "--tag=catalog-47"),
                    "stock Liquibase on master.yaml validates that history and rolls back");
            assertEquals("47", Catalogs.version(db));
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
