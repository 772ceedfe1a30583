package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * Listens to Liquibase as it runs changesets, to time each step and to know which step was running when
 * something failed. A step's time includes its tag changeset.
 */
final class StepTimer extends AbstractChangeExecListener {

    private final ChangelogIndex index;
    private final boolean down;
    private final Map<CatalogVersion, Duration> elapsed = new LinkedHashMap<>();
    private final List<StepResult> before = new ArrayList<>();
    private CatalogVersion running;
    private long startedAt;

    StepTimer(ChangelogIndex index, boolean down) {
        this.index = index;
        this.down = down;
    }

    private void start(ChangeSet cs) {
        running = index.versionOf(cs.getId()).orElse(null);
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

    /** The label of the step that was running when Liquibase stopped: "45 → 44", or "baseline 43". */
    Optional<String> failedStep() {
        return Optional.ofNullable(running).map(this::label);
    }

    private String label(CatalogVersion upper) {
        if (index.entry(upper).baseline()) {
            return "baseline " + upper;
        }
        return down ? upper + " → " + upper.previous() : upper.previous() + " → " + upper;
    }

    /** Records work the runner did itself before Liquibase's steps (creating a fresh v2 catalog). */
    void recordBefore(StepResult result) {
        before.add(result);
    }

    /** The steps that completed, in the order they ran. */
    List<StepResult> results() {
        List<StepResult> out = new ArrayList<>(before);
        elapsed.forEach((upper, time) -> {
            ChangelogIndex.Entry entry = index.entry(upper);
            if (entry.baseline()) {
                out.add(new StepResult(label(upper), time, false, "creates the catalog at " + upper));
            } else {
                Step step = down ? index.step(upper, upper.previous()) : index.step(upper.previous(), upper);
                out.add(new StepResult(label(upper), time, step.losesData(), step.summary()));
            }
        });
        return out;
    }
}
