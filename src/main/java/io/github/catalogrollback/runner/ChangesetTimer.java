package io.github.catalogrollback.runner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * Listens to Liquibase as it runs or rolls back changesets, and adds up the time per version of a changelog (a step
 * and its tag changeset share their file's version), knowing which one was running when something failed. The
 * metadata chain ({@link StepTimer}) and the source chain ({@link SourceStepTimer}) each map a changeset id to their
 * own version.
 */
abstract class ChangesetTimer<V> extends AbstractChangeExecListener {

    private final Function<String, Optional<V>> versionOf;
    private final Progress progress;
    private final Map<V, Duration> elapsed = new LinkedHashMap<>();
    private V running;
    private V open;
    private long startedAt;

    ChangesetTimer(Function<String, Optional<V>> versionOf, Progress progress) {
        this.versionOf = versionOf;
        this.progress = progress;
    }

    private void start(ChangeSet cs) {
        running = versionOf.apply(cs.getId()).orElse(null);
        startedAt = System.nanoTime();
        if (running != null && !running.equals(open)) {
            endStep();
            open = running;
            result(open, Duration.ZERO).ifPresent(r -> progress.stepStarted(r.label(), r.summary()));
        }
    }

    /**
     * Liquibase ran every changeset of the path: reports the last step as ended. (A step ends when the changesets of
     * the next version start, its step and tag changesets share one version.)
     */
    void done() {
        endStep();
    }

    private void endStep() {
        if (open != null && elapsed.containsKey(open)) {
            result(open, elapsed.get(open)).ifPresent(progress::stepEnded);
        }
        open = null;
    }

    /** The step of {@code version} as a result that took {@code time}, if that version is one of this chain's steps. */
    abstract Optional<StepResult> result(V version, Duration time);

    Progress progress() {
        return progress;
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

    /** The version whose changeset was running when Liquibase stopped, if one was. */
    Optional<V> running() {
        return Optional.ofNullable(running);
    }

    /** The time spent per version, in the order they ran. */
    Map<V, Duration> elapsed() {
        return elapsed;
    }
}
