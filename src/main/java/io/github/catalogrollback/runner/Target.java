package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Release;
import io.github.catalogrollback.catalog.ReleaseMap;
import java.util.Optional;

/** The catalog version a run goes to, and the release the operator named it by, if any. */
public record Target(CatalogVersion version, Optional<String> release) {

    /**
     * Resolves {@code --to-version} or {@code --to-release} (exactly one is non-null) against the release map and
     * the changelogs. Refuses unknown releases and versions outside the changelogs before any connection is made.
     */
    public static Target resolve(String version, String release, ReleaseMap releases, ChangelogIndex index) {
        if ((version == null) == (release == null)) {
            throw new RunFailure(RunFailure.Kind.USAGE, "give exactly one of --to-version and --to-release; nothing changed.");
        }
        if (version != null) {
            CatalogVersion v;
            try {
                v = CatalogVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw new RunFailure(RunFailure.Kind.USAGE, "--to-version " + Printable.escape(e.getMessage()) + "; nothing changed.");
            }
            CatalogReader.requireKnown(v, index, "target catalog version");
            return new Target(v, Optional.empty());
        }
        Release found = releases.find(release).orElseThrow(() -> new RunFailure(RunFailure.Kind.REFUSED,
                "unknown release '" + Printable.escape(release) + "': not in this tool's release map (" + releases.size()
                        + " releases, " + releases.span() + "); nothing changed. Check the tag, or use --to-version N."));
        CatalogVersion v = found.catalog();
        if (v.isBelow(index.lowest()) || v.isAbove(index.highest())) {
            throw new RunFailure(RunFailure.Kind.REFUSED, "release " + found.tag() + " runs catalog " + v + ", outside what this"
                    + " tool handles (" + index.range() + "); nothing changed.");
        }
        return new Target(v, Optional.of(found.tag()));
    }
}
