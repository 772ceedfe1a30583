package io.github.catalogrollback.support;

import liquibase.integration.commandline.LiquibaseCommandLine;

/** Liquibase's own command line on the changelogs of this checkout, as README.md shows a DBA running it. */
public final class StockLiquibase {

    private StockLiquibase() {
    }

    /** Runs one Liquibase command (e.g. "rollback", "--tag=catalog-42") against the test database; returns its exit code. */
    public static int run(TestDatabase db, String... command) {
        String[] common = {"--show-banner=false", "--analytics-enabled=false", "--log-level=WARNING",
            "--search-path=.", "--changelog-file=changelogs/master.yaml", "--url=" + db.jdbcUrl(),
            "--username=" + db.user(), "--password=" + db.password(), "--liquibase-schema-name=hdb_catalog_rollback"};
        String[] args = new String[common.length + command.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(command, 0, args, common.length, command.length);
        return new LiquibaseCommandLine().execute(args);
    }
}
