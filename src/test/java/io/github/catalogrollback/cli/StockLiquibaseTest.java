package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.StockLiquibase;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DBA runs the same changelogs with stock Liquibase, exactly as README.md shows: adopt a Hasura database
 * with changelog-sync-to-tag, then roll back to a tag. The result is the catalog the tool leaves, and the tool
 * then reads that history as its own.
 */
class StockLiquibaseTest {

    private static int liquibase(TestDatabase db, String... command) {
        return StockLiquibase.run(db, command);
    }

    @Test
    void stockLiquibaseAdoptsAndRollsBack48To47() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            // A database Hasura made: no Liquibase history at all. The README's first step creates the schema.
            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE", "CREATE SCHEMA hdb_catalog_rollback");

            assertEquals(0, liquibase(db, "changelog-sync-to-tag", "--tag=catalog-48"), "changelog-sync-to-tag succeeds");
            assertEquals(0, liquibase(db, "rollback", "--tag=catalog-47"), "rollback to catalog-47 succeeds");

            assertEquals("47", Catalogs.version(db), "hdb_version after stock Liquibase's rollback");
            assertEquals(List.of(), Fingerprint.shape(db).minus(Catalogs.freshShape(47)), "left over");
            assertEquals(List.of(), Catalogs.freshShape(47).minus(Fingerprint.shape(db)), "missing");
            CliRun status = CliRun.on(db, "status");
            assertTrue(status.out().contains("in sync (records catalog 47)"), "the tool reads stock Liquibase's history\n" + status.printed());
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48");
            assertEquals(0, up.exitCode(), "and carries on from it\n" + up.printed());
        }
    }
}
