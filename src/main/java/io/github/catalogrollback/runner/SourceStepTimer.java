package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceStep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Times each step of the source chain (with its tag changeset) and knows which one was running when something failed
 * ({@link ChangesetTimer}).
 */
final class SourceStepTimer extends ChangesetTimer<SourceCatalogVersion> {

    private final List<SourceStep> steps;
    private final String source;

    /** {@code source} names the source in progress lines ("source 3 → 2 of warehouse"). */
    SourceStepTimer(SourceChangelog chain, List<SourceStep> steps, Progress progress, String source) {
        super(chain::versionOf, progress);
        this.steps = List.copyOf(steps);
        this.source = source;
    }

    /** The step that was running when Liquibase stopped. */
    Optional<SourceStep> failedStep() {
        return running().flatMap(this::stepOf);
    }

    /** The step whose changesets sit in the file of {@code upper}. */
    private Optional<SourceStep> stepOf(SourceCatalogVersion upper) {
        return steps.stream().filter(s -> upper(s).equals(upper)).findFirst();
    }

    private static SourceCatalogVersion upper(SourceStep s) {
        return s.isDown() ? s.from() : s.to();
    }

    /** The steps that completed, in the order they ran. */
    List<StepResult> results() {
        return steps.stream().filter(s -> elapsed().containsKey(upper(s)))
                .map(s -> new StepResult(s.toString(), elapsed().get(upper(s)), s.losesData(), s.summary())).toList();
    }

    @Override
    Optional<StepResult> result(SourceCatalogVersion upper, Duration time) {
        return stepOf(upper).map(s -> new StepResult(s + " of " + source, time, s.losesData(), s.summary()));
    }
}
