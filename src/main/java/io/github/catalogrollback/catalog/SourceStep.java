package io.github.catalogrollback.catalog;

/**
 * One move between neighbouring source catalog versions (3 → 2 or 2 → 3). Its changeset is named after the forward
 * direction: {@code source-step-2-to-3} holds both the forward and the rollback block.
 */
public record SourceStep(SourceCatalogVersion from, SourceCatalogVersion to, boolean losesData, String summary) {

    public SourceStep {
        if (Math.abs(from.number() - to.number()) != 1) {
            throw new IllegalArgumentException("a source step joins neighbouring versions, not " + from + " and " + to);
        }
    }

    public boolean isDown() {
        return to.isBelow(from);
    }

    /** The id of the changeset that holds this step. */
    public String changesetId() {
        return changesetId(isDown() ? from : to);
    }

    /** The id of the step changeset that leads up to {@code version}. */
    public static String changesetId(SourceCatalogVersion version) {
        return "source-step-" + version.previous() + "-to-" + version;
    }

    /** "source 3 → 2": how plans, step lines and backups name it. */
    @Override
    public String toString() {
        return "source " + from + " → " + to;
    }
}
