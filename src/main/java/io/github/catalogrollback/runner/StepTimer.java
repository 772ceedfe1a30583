package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times each step of the metadata chain and knows which step was running when something failed ({@link
 * ChangesetTimer}). A step's time includes its tag changeset.
 */
final class StepTimer extends ChangesetTimer<CatalogVersion> {

    private final ChangelogIndex index;
    private final boolean down;
    private final List<StepResult> before = new ArrayList<>();

    StepTimer(ChangelogIndex index, boolean down, Progress progress) {
        super(index::versionOf, progress);
        this.index = index;
        this.down = down;
    }

    /** The label of the step that was running when Liquibase stopped: "45 → 44", or "baseline 43". */
    Optional<String> failedStep() {
        return running().map(this::label);
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
        progress().stepEnded(result);
    }

    /** The steps that completed, in the order they ran. */
    List<StepResult> results() {
        List<StepResult> out = new ArrayList<>(before);
        elapsed().forEach((upper, time) -> result(upper, time).ifPresent(out::add));
        return out;
    }

    @Override
    Optional<StepResult> result(CatalogVersion upper, Duration time) {
        if (index.entry(upper).baseline()) {
            return Optional.of(new StepResult(label(upper), time, false, "creates the catalog at " + upper));
        }
        Step step = down ? index.step(upper, upper.previous()) : index.step(upper.previous(), upper);
        return Optional.of(new StepResult(label(upper), time, step.losesData(), step.summary()));
    }
}
