package io.github.catalogrollback.catalog;

/**
 * One move between neighbouring catalog versions (48 → 47 or 47 → 48). Its changeset is always named
 * after the forward direction: {@code step-47-to-48} holds both the forward and the rollback block.
 */
public record Step(CatalogVersion from, CatalogVersion to, boolean losesData, String summary) {

    public Step {
        if (Math.abs(from.number() - to.number()) != 1) {
            throw new IllegalArgumentException("a step joins neighbouring versions, not " + from + " and " + to);
        }
    }

    public boolean isDown() {
        return to.isBelow(from);
    }

    /** The id of the changeset that holds this step. */
    public String changesetId() {
        CatalogVersion lower = isDown() ? to : from;
        return changesetId(lower.next());
    }

    /** The id of the step changeset that leads up to {@code version}. */
    public static String changesetId(CatalogVersion version) {
        return "step-" + version.previous() + "-to-" + version;
    }

    @Override
    public String toString() {
        return from + " → " + to;
    }
}
