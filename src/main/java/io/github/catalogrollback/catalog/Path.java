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

    public boolean losesData() {
        return steps.stream().anyMatch(Step::losesData);
    }
}
