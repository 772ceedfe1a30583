package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.SourceCatalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.Test;

/**
 * A DBA runs the source changelog with stock Liquibase, exactly as README.md shows (its own history table names):
 * adopt a source database with changelog-sync-to-tag, then roll back to a tag. The result is the source catalog the
 * tool leaves, and the tool carries on from that history.
 */
class StockLiquibaseSourcesTest {

    private static int liquibase(TestDatabase db, String... command) {
        String[] common = {"--show-banner=false", "--analytics-enabled=false", "--log-level=WARNING",
            "--search-path=.", "--changelog-file=changelogs/source/master.yaml", "--url=" + db.jdbcUrl(),
            "--username=" + db.user(), "--password=" + db.password(), "--liquibase-schema-name=hdb_catalog_rollback",
            "--database-changelog-table-name=source_databasechangelog",
            "--database-changelog-lock-table-name=source_databasechangeloglock"};
        String[] args = new String[common.length + command.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(command, 0, args, common.length, command.length);
        return new LiquibaseCommandLine().execute(args);
    }

    @Test
    void stockLiquibaseAdoptsASourceDatabaseAndRollsItBackFrom3To2() {
        try (TestDatabase db = TestDatabase.fresh(); TestDatabase madeByTheTool = TestDatabase.fresh()) {
            SourceCatalogs.sourceOnly(db, 3);
            SourceCatalogs.sourceOnly(madeByTheTool, 2);
            // A source database Hasura made: no Liquibase history at all. The README's first step creates the schema.
            db.execute("DROP SCHEMA hdb_catalog_rollback CASCADE", "CREATE SCHEMA hdb_catalog_rollback");

            assertEquals(0, liquibase(db, "changelog-sync-to-tag", "--tag=source-3"), "changelog-sync-to-tag succeeds");
            assertEquals(0, liquibase(db, "rollback", "--tag=source-2"), "rollback to source-2 succeeds");

            assertEquals("2", SourceCatalogs.version(db), "hdb_source_catalog_version after stock Liquibase's rollback");
            assertEquals(List.of(), SourceCatalogs.shape(db).minus(SourceCatalogs.shape(madeByTheTool)), "left over");
            assertEquals(List.of(), SourceCatalogs.shape(madeByTheTool).minus(SourceCatalogs.shape(db)), "missing");
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_tables WHERE schemaname = 'hdb_catalog_rollback'"
                    + " AND tablename = 'databasechangelog'"), "the metadata chain's history table is not touched");
            CliRun status = CliRun.on(db, "status");
            assertTrue(status.out().contains("source catalog 2"), status.printed());
            CliRun up = CliRun.on(db, "upgrade", "--to-release", "v2.36.0");
            assertEquals(0, up.exitCode(), "the tool carries on from stock Liquibase's history\n" + up.printed());
            assertEquals("3", SourceCatalogs.version(db));
        }
    }
}
