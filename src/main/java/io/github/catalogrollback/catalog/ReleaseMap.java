package io.github.catalogrollback.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hasura release tags and the catalog version each one runs, read from {@code changelogs/releases.yaml}.
 * Many releases share one catalog version (v2.0.7 … v2.22.1 all run 47).
 */
public final class ReleaseMap {

    public static final String RESOURCE = "changelogs/releases.yaml";

    private final Map<String, Release> byTag;
    private final Map<CatalogVersion, List<Release>> byCatalog;

    private ReleaseMap(Map<String, Release> byTag, Map<CatalogVersion, List<Release>> byCatalog) {
        this.byTag = byTag;
        this.byCatalog = byCatalog;
    }

    /** The release map shipped with this build. */
    public static ReleaseMap load() {
        try (InputStream in = ReleaseMap.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static ReleaseMap parse(InputStream in) {
        Map<String, Object> doc = (Map<String, Object>) YamlTrees.document(in);
        Map<Object, Object> catalogs = (Map<Object, Object>) doc.get("catalogs");
        Map<String, Release> byTag = new TreeMap<>();
        Map<CatalogVersion, List<Release>> byCatalog = new TreeMap<>();
        for (Map.Entry<Object, Object> e : catalogs.entrySet()) {
            CatalogVersion version = CatalogVersion.parse(String.valueOf(e.getKey()));
            List<Release> releases = new ArrayList<>();
            for (Object tag : (List<Object>) e.getValue()) {
                String normalised = Release.normalise(String.valueOf(tag));
                if (normalised == null || !normalised.equals(tag)) {
                    throw new IllegalStateException(RESOURCE + ": '" + tag + "' is not a release tag in canonical form");
                }
                Release release = new Release(normalised, version);
                if (byTag.put(normalised, release) != null) {
                    throw new IllegalStateException(RESOURCE + ": release " + tag + " is listed twice");
                }
                releases.add(release);
            }
            Collections.sort(releases);
            byCatalog.put(version, List.copyOf(releases));
        }
        return new ReleaseMap(Collections.unmodifiableMap(byTag), Collections.unmodifiableMap(byCatalog));
    }

    /** The release with this tag, as an operator may type it ("v2.0.7", "2.0.7"). */
    public Optional<Release> find(String tag) {
        String normalised = Release.normalise(tag);
        return normalised == null ? Optional.empty() : Optional.ofNullable(byTag.get(normalised));
    }

    /** The releases that run this catalog version, oldest first; empty for versions no release ran. */
    public List<Release> releasesOf(CatalogVersion version) {
        return byCatalog.getOrDefault(version, List.of());
    }

    /** "v2.0.7 … v2.22.1", "v2.0.0-alpha.7", or "no release" for a version no release ran. */
    public String describe(CatalogVersion version) {
        List<Release> releases = releasesOf(version);
        if (releases.isEmpty()) {
            return "no release";
        }
        Release first = releases.get(0);
        Release last = releases.get(releases.size() - 1);
        return first.equals(last) ? first.tag() : first.tag() + " … " + last.tag();
    }

    /** "v1.0.0-alpha0 … v2.49.5": the oldest and the newest release the map knows. */
    public String span() {
        List<Release> all = all();
        return all.isEmpty() ? "no release" : all.get(0).tag() + " … " + all.get(all.size() - 1).tag();
    }

    public int size() {
        return byTag.size();
    }

    /** Every release, oldest first. */
    public List<Release> all() {
        return byTag.values().stream().sorted().toList();
    }
}
