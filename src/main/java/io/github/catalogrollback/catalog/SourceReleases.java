package io.github.catalogrollback.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source catalog version every release ships, read from {@code changelogs/source-releases.yaml} (ranges of
 * releases in release order), and the rule that turns a target into what it needs of a source catalog: a release
 * needs at most what it ships; a catalog version needs at most what <em>every</em> release running it can start with
 * (catalog 47: v2.0.7 … v2.12.1 ship 2, so 2).
 */
public final class SourceReleases {

    public static final String RESOURCE = "changelogs/source-releases.yaml";

    /** What one release ships: a source catalog version (none for v1), its shape (4a/4b), and what an upgrade writes. */
    public record Support(Release release, Optional<SourceCatalogVersion> ships, String shape, Optional<SourceCatalogVersion> upgradeTo) {
    }

    private record Range(Release first, Release last, Optional<SourceCatalogVersion> version, String shape,
                         Optional<SourceCatalogVersion> upgradeTo) {
        boolean holds(Release r) {
            return first.compareTo(r) <= 0 && r.compareTo(last) <= 0;
        }
    }

    private final ReleaseMap releases;
    private final Map<String, Support> byTag;

    private SourceReleases(ReleaseMap releases, Map<String, Support> byTag) {
        this.releases = releases;
        this.byTag = byTag;
    }

    /** The source release data shipped with this build, checked against the release map. */
    public static SourceReleases load(ReleaseMap releases) {
        try (InputStream in = SourceReleases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in, releases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the ranges and gives every release of the map its source catalog version.
     *
     * @throws IllegalStateException when a range names a release the map does not know, ranges overlap or are out of
     *                               order, or a release falls in no range
     */
    @SuppressWarnings("unchecked")
    static SourceReleases parse(InputStream in, ReleaseMap releases) {
        Map<String, Object> doc = (Map<String, Object>) YamlTrees.document(in);
        List<Range> ranges = new ArrayList<>();
        for (Object item : (List<Object>) doc.get("ranges")) {
            Map<String, Object> m = (Map<String, Object>) item;
            Release first = known(releases, m.get("first"));
            Release last = known(releases, m.get("last"));
            if (last.compareTo(first) < 0 || !ranges.isEmpty() && ranges.get(ranges.size() - 1).last().compareTo(first) >= 0) {
                throw new IllegalStateException(RESOURCE + ": range " + first + " … " + last + " is empty, or overlaps or precedes the one before");
            }
            String version = String.valueOf(m.get("version"));
            Optional<SourceCatalogVersion> v = version.equals("none") ? Optional.empty() : Optional.of(SourceCatalogVersion.parse(version));
            Optional<SourceCatalogVersion> up = m.containsKey("upgradeTo") ? Optional.of(SourceCatalogVersion.parse(String.valueOf(m.get("upgradeTo")))) : v;
            if (v.isPresent() && up.isPresent() && up.get().isAbove(v.get())) {
                throw new IllegalStateException(RESOURCE + ": range " + first + " … " + last + " upgrades above what it ships");
            }
            ranges.add(new Range(first, last, v, m.get("shape") == null ? "" : String.valueOf(m.get("shape")), up));
        }
        Map<String, Support> byTag = new LinkedHashMap<>();
        for (Release r : releases.all()) {
            Range range = ranges.stream().filter(x -> x.holds(r)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(RESOURCE + ": release " + r + " falls in no range"));
            byTag.put(r.tag(), new Support(r, range.version(), range.shape(), range.upgradeTo()));
        }
        return new SourceReleases(releases, byTag);
    }

    private static Release known(ReleaseMap releases, Object tag) {
        return releases.find(String.valueOf(tag)).filter(r -> r.tag().equals(tag))
                .orElseThrow(() -> new IllegalStateException(RESOURCE + ": '" + tag + "' is not a release of " + ReleaseMap.RESOURCE));
    }

    /** What a release ships. */
    public Support of(Release release) {
        Support s = byTag.get(release.tag());
        if (s == null) {
            throw new IllegalArgumentException("release " + release + " is not in " + ReleaseMap.RESOURCE);
        }
        return s;
    }

    /** What a --to-release target needs: at most what the release ships. */
    public SourceTarget forRelease(Release release) {
        Support s = of(release);
        if (s.ships().isEmpty()) {
            return new SourceTarget(Optional.empty(), Optional.empty(), release + " is a v1 release: it keeps no source catalog", "");
        }
        String shape = s.shape().isEmpty() ? "" : " (" + s.shape() + ")";
        return new SourceTarget(s.ships(), s.upgradeTo(), release + " ships source catalog " + s.ships().get() + shape, "");
    }

    /**
     * What a --to-version target needs: at most the highest version every release of that catalog version starts
     * with, and which releases would keep more.
     */
    public SourceTarget forCatalog(CatalogVersion catalog) {
        List<Release> of = releases.releasesOf(catalog);
        if (catalog.isBelow(CatalogVersion.FIRST_V2)) {
            return new SourceTarget(Optional.empty(), Optional.empty(), "catalog " + catalog + " is a v1 catalog: it keeps no source catalog", "");
        }
        if (of.isEmpty()) {
            throw new IllegalStateException("no release runs catalog " + catalog + ", so what it needs of a source catalog is unknown");
        }
        SourceCatalogVersion highest = of.stream().map(r -> of(r).ships().orElseThrow()).min(SourceCatalogVersion::compareTo).orElseThrow();
        Map<SourceCatalogVersion, List<Release>> more = new java.util.TreeMap<>();
        for (Release r : of) {
            SourceCatalogVersion v = of(r).ships().orElseThrow();
            if (v.isAbove(highest)) {
                more.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
            }
        }
        List<String> keeps = new ArrayList<>();
        more.forEach((v, rs) -> keeps.add((rs.size() == 1 ? rs.get(0).tag() : rs.get(0) + " … " + rs.get(rs.size() - 1)) + " keeps " + v));
        String basis = "the highest every release of catalog " + catalog + " (" + releases.describe(catalog) + ") starts with";
        return new SourceTarget(Optional.of(highest), Optional.of(highest), basis,
                keeps.isEmpty() ? "" : "--to-release " + String.join("; ", keeps));
    }

    /** "v2.13.0-beta.1 … v2.21.0, v2.22.0-beta.2 … v2.45.6": the releases that ship a version. */
    public String describe(SourceCatalogVersion version) {
        List<String> runs = new ArrayList<>();
        Release first = null;
        Release last = null;
        for (Support s : byTag.values()) {
            boolean ships = s.ships().filter(version::equals).isPresent();
            if (ships) {
                first = first == null ? s.release() : first;
                last = s.release();
            } else if (first != null) {
                runs.add(first.equals(last) ? first.tag() : first + " … " + last);
                first = null;
            }
        }
        if (first != null) {
            runs.add(first.equals(last) ? first.tag() : first + " … " + last);
        }
        return runs.isEmpty() ? "no release" : String.join(", ", runs);
    }
}
