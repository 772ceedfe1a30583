package io.github.catalogrollback.catalog;

import java.util.Optional;

/**
 * What a run's target needs of every source catalog. {@code highest} is the highest source catalog version the
 * target starts with (empty: a v1 target, which keeps no source catalog at all); {@code upgradeTo} what an upgrade
 * raises a lower source catalog to (the version the target ships, never above {@code highest}; the tool never writes
 * v2.22.0-beta.1's 4a). {@code basis} says why, and {@code keepsMore} which --to-release would keep a higher version (empty when none
 * would).
 */
public record SourceTarget(Optional<SourceCatalogVersion> highest, Optional<SourceCatalogVersion> upgradeTo, String basis,
                           String keepsMore) {

    /** True for a v1 target: no source catalog version at all (step 43 → 42 removes it). */
    public boolean none() {
        return highest.isEmpty();
    }

    /**
     * The version a source catalog at {@code current} ends at. A rollback only lowers (to what the target starts
     * with), an upgrade only raises (to what the target ships); a source catalog the run itself creates (step
     * 42 → 43 in the metadata database) goes to what the target starts with.
     *
     * @throws IllegalStateException for a v1 target, which keeps no source catalog
     */
    public SourceCatalogVersion after(SourceCatalogVersion current, Direction direction, boolean createdByRun) {
        SourceCatalogVersion max = highest.orElseThrow(() -> new IllegalStateException("a v1 target keeps no source catalog"));
        SourceCatalogVersion raise = upgradeTo.orElse(max);
        if (createdByRun) {
            return raise;
        }
        if (direction == Direction.DOWN) {
            return current.isAbove(max) ? max : current;
        }
        return current.isBelow(raise) ? raise : current;
    }
}
