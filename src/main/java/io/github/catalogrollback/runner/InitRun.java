package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creating a catalog in a database that has none, inside one {@link RunTransaction}. */
final class InitRun {

    /** What a Hasura v2 server's first start creates: the fresh catalog at 43. */
    static final String FRESH_V2 = "changelogs/fresh/catalog-43.sql";

    private final ChangelogIndex index;
    private final Interruption interruption;

    InitRun(ChangelogIndex index, Interruption interruption) {
        this.index = index;
        this.interruption = interruption;
    }

    RunResult run(CatalogRunner.InitRequest request, Progress progress) {
        RunState run = new RunState(RunState.Kind.INIT, request.dryRun(), request.target().version());
        return RunTransaction.run(request.address(), run, request.lockTimeout(), interruption, tx -> init(tx, request, progress));
    }

    private RunResult init(RunTransaction tx, CatalogRunner.InitRequest request, Progress progress) throws Exception {
        Connection c = tx.connection();
        DatabaseAddress address = tx.address();
        RunState run = tx.state();
        CatalogVersion target = request.target().version();
        PreRunChecks.requireTrustedToolSchema(c, address);
        if (CatalogReader.tableExists(c, "hdb_catalog", "hdb_version")) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.initOnExistingCatalog(address));
        }
        if (CatalogReader.schemaExists(c, "hdb_catalog") && CatalogReader.objectCount(c, "hdb_catalog") > 0) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.initOnForeignSchema(address));
        }
        PreRunChecks.requirePrivileges(c, address);
        tx.prepareToolSchema();
        List<String> notes = new ArrayList<>();
        if (!new ChangelogHistory(index).recordedIds(c).isEmpty()) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + ChangelogHistory.TABLE);
            }
            notes.add(Messages.staleHistoryCleared());
        }
        LiquibaseSession liquibase = tx.liquibase();
        notes.addAll(liquibase.notes());
        StepTimer timer = new StepTimer(index, false, progress);
        if (!target.isBelow(CatalogVersion.FIRST_V2) && index.lowest().isBelow(CatalogVersion.FIRST_V2)) {
            createFreshV2(c, liquibase, timer);
        }
        tx.runSteps(timer, null, () -> liquibase.updateToTag(target.tag(), timer));
        TargetCheck.require(c, address, index, null, target, request.checkShape(), TargetCheck.Before.nothing(target));
        RunResult result = new RunResult(run.id, run.kind.label(), address.describe(), Optional.empty(), target, timer.results(),
                run.dryRun ? RunResult.Outcome.REHEARSED : RunResult.Outcome.COMMITTED, run.elapsed(), List.of(),
                Optional.empty(), 0, notes, run.dryRun ? liquibase.writtenSql() : List.of());
        tx.commit(null, target);
        return result;
    }

    /**
     * A v2 catalog is born at 43 from Hasura's first start, not from v1 (it then has no event_log): run the fresh
     * v2 catalog's SQL and record the changelog as run up to catalog-43, so that later steps and rollbacks below 43
     * treat it like any other catalog at 43.
     */
    private static void createFreshV2(Connection c, LiquibaseSession liquibase, StepTimer timer) throws Exception {
        long started = System.nanoTime();
        try (InputStream in = InitRun.class.getClassLoader().getResourceAsStream(FRESH_V2); Statement st = c.createStatement()) {
            if (in == null) {
                throw new IllegalStateException(FRESH_V2 + " is missing from this build");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            st.execute(sql);
            liquibase.recordWrittenSql(sql);
        }
        liquibase.checkpoint();
        liquibase.syncToTag(CatalogVersion.FIRST_V2.tag());
        timer.recordBefore(new StepResult("fresh v2 " + CatalogVersion.FIRST_V2, Duration.ofNanos(System.nanoTime() - started), false,
                "creates the catalog at 43 as a Hasura v2 server's first start does (" + FRESH_V2 + ")"));
    }
}
