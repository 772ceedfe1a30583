package io.github.catalogrollback.catalog;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shipped source changelog holds ({@code changelogs/source/master.yaml}): the source catalog versions, the
 * changesets of each, which steps lose data, and the steps between two versions. It is a chain of its own, apart
 * from the metadata catalog's ({@link ChangelogIndex}): its own tags ({@code source-N}), its own logical file path
 * and its own history table, so that it runs in any source database. Reads the YAML as data; runs nothing.
 */
public final class SourceChangelog {

    public static final String MASTER = "changelogs/source/master.yaml";
    /** The logicalFilePath of every source changeset, as DATABASECHANGELOG.filename records it. */
    public static final String LOGICAL_FILE = "hasura-source-catalog";

    private static final Pattern FILE = Pattern.compile("source-(\\d+)\\.yaml");

    /** One file: the version it leads to and its changesets, in order. */
    public record Entry(SourceCatalogVersion version, String file, List<String> changesetIds, boolean losesData,
                        String forwardSummary, String rollbackSummary) {
    }

    private final NavigableMap<SourceCatalogVersion, Entry> entries;

    private SourceChangelog(NavigableMap<SourceCatalogVersion, Entry> entries) {
        this.entries = entries;
    }

    /** The source changelog shipped with this build. */
    public static SourceChangelog load() {
        return load(name -> SourceChangelog.class.getClassLoader().getResourceAsStream(name));
    }

    /** Reads the source changelog through {@code open}, which maps a resource name to its content (or null). */
    public static SourceChangelog load(Function<String, InputStream> open) {
        NavigableMap<SourceCatalogVersion, Entry> entries = new TreeMap<>();
        for (Matcher m : ChangelogIndex.includes(open, MASTER, FILE, "source-<version>.yaml")) {
            SourceCatalogVersion version = SourceCatalogVersion.parse(m.group(1));
            if (!entries.isEmpty() && !entries.lastKey().next().equals(version)) {
                throw new IllegalStateException(MASTER + " skips source catalog " + entries.lastKey().next() + " (next file is " + m.group() + ")");
            }
            entries.put(version, entry(version, m.group(), ChangelogIndex.read(open, "changelogs/source/" + m.group()), entries.isEmpty()));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(MASTER + " includes no source catalog file");
        }
        return new SourceChangelog(Collections.unmodifiableNavigableMap(entries));
    }

    private static Entry entry(SourceCatalogVersion version, String file, String text, boolean first) {
        List<String> ids = new ArrayList<>();
        boolean losesData = false;
        Map<String, String> summary = Map.of();
        String stepId = SourceStep.changesetId(version);
        for (Map<String, Object> changeSet : ChangelogIndex.changeSets(file, text, LOGICAL_FILE)) {
            String id = String.valueOf(changeSet.get("id"));
            ids.add(id);
            losesData |= ChangelogIndex.losesData(changeSet);
            if (id.equals(stepId)) {
                summary = ChangelogIndex.summary(file, id, changeSet.get("comment"));
            }
        }
        if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(version.tag())) {
            throw new IllegalStateException(file + " must end with the tag changeset " + version.tag());
        }
        if (!first && !ids.contains(stepId)) {
            throw new IllegalStateException(file + " must hold the step changeset " + stepId);
        }
        return new Entry(version, file, List.copyOf(ids), losesData, summary.getOrDefault("up", ""), summary.getOrDefault("down", ""));
    }

    public SourceCatalogVersion lowest() {
        return entries.firstKey();
    }

    public SourceCatalogVersion highest() {
        return entries.lastKey();
    }

    public boolean knows(SourceCatalogVersion version) {
        return entries.containsKey(version);
    }

    /** "1–4": the source catalog versions this build can reach. */
    public String range() {
        return lowest() + "–" + highest();
    }

    /** The steps from one known version to another, in the order they run; empty when they are equal. */
    public List<SourceStep> steps(SourceCatalogVersion from, SourceCatalogVersion to) {
        if (!knows(from) || !knows(to)) {
            throw new IllegalArgumentException("no source path from " + from + " to " + to + " in source catalogs " + range());
        }
        List<SourceStep> steps = new ArrayList<>();
        SourceCatalogVersion at = from;
        while (!at.equals(to)) {
            boolean down = to.isBelow(at);
            SourceCatalogVersion next = down ? at.previous() : at.next();
            Entry upper = entries.get(down ? at : next);
            steps.add(new SourceStep(at, next, down && upper.losesData(), down ? upper.rollbackSummary() : upper.forwardSummary()));
            at = next;
        }
        return steps;
    }

    /** Every changeset id that a source catalog at {@code version} has run, in changelog order. */
    public Set<String> changesetIdsUpTo(SourceCatalogVersion version) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : entries.headMap(version, true).values()) {
            ids.addAll(e.changesetIds());
        }
        return ids;
    }

    /** The version whose file holds this changeset, if any. */
    public Optional<SourceCatalogVersion> versionOf(String changesetId) {
        return entries.values().stream().filter(e -> e.changesetIds().contains(changesetId)).map(Entry::version).findFirst();
    }
}
