package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * Listens to Liquibase as it runs the source changelog: times each source step (with its tag changeset) and knows
 * which one was running when something failed. The source counterpart of {@link StepTimer}.
 */
final class SourceStepTimer extends AbstractChangeExecListener {

    private final SourceChangelog chain;
    private final List<SourceStep> steps;
    private final Map<SourceCatalogVersion, Duration> elapsed = new LinkedHashMap<>();
    private SourceCatalogVersion running;
    private long startedAt;

    SourceStepTimer(SourceChangelog chain, List<SourceStep> steps) {
        this.chain = chain;
        this.steps = List.copyOf(steps);
    }

    private void start(ChangeSet cs) {
        running = chain.versionOf(cs.getId()).orElse(null);
        startedAt = System.nanoTime();
    }

    private void finish() {
        if (running != null) {
            elapsed.merge(running, Duration.ofNanos(System.nanoTime() - startedAt), Duration::plus);
        }
        running = null;
    }

    @Override
    public void willRun(ChangeSet cs, DatabaseChangeLog log, Database db, ChangeSet.RunStatus status) {
        start(cs);
    }

    @Override
    public void ran(ChangeSet cs, DatabaseChangeLog log, Database db, ChangeSet.ExecType type) {
        finish();
    }

    @Override
    public void willRollback(ChangeSet cs, DatabaseChangeLog log, Database db) {
        start(cs);
    }

    @Override
    public void rolledBack(ChangeSet cs, DatabaseChangeLog log, Database db) {
        finish();
    }

    /** The step that was running when Liquibase stopped. */
    Optional<SourceStep> failedStep() {
        return Optional.ofNullable(running).flatMap(this::stepOf);
    }

    /** The step whose changesets sit in the file of {@code upper}. */
    private Optional<SourceStep> stepOf(SourceCatalogVersion upper) {
        return steps.stream().filter(s -> (s.isDown() ? s.from() : s.to()).equals(upper)).findFirst();
    }

    /** The steps that completed, in the order they ran. */
    List<StepResult> results() {
        return steps.stream().filter(s -> elapsed.containsKey(s.isDown() ? s.from() : s.to()))
                .map(s -> new StepResult(s.toString(), elapsed.get(s.isDown() ? s.from() : s.to()), s.losesData(), s.summary())).toList();
    }
}
