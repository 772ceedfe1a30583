package io.github.catalogrollback.catalog;

import java.util.List;

/** The steps of one run, in the order they run. */
public record Path(CatalogVersion from, CatalogVersion to, List<Step> steps) {

    public Path {
        steps = List.copyOf(steps);
    }

    public Direction direction() {
        return to.isBelow(from) ? Direction.DOWN : Direction.UP;
    }

    /** True when the path goes down across 43 → 42, from a v2 catalog (one metadata document) to a v1 one. */
    public boolean crossesToV1() {
        return steps.stream().anyMatch(step -> step.isDown() && step.from().equals(CatalogVersion.FIRST_V2));
    }

    public boolean losesData() {
        return steps.stream().anyMatch(Step::losesData);
    }
}
