package io.github.catalogrollback.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shipped changelogs hold: which catalog versions exist, which changesets belong to each, which
 * steps lose data, and how to get from one version to another. Reads the YAML files as data; it runs
 * nothing (that is the runner's job, through Liquibase).
 */
public final class ChangelogIndex {

    public static final String MASTER = "changelogs/master.yaml";
    public static final String AUTHOR = "catalog-rollback";
    public static final String DATA_LOSS_LABEL = "data-loss";

    private static final Pattern FILE = Pattern.compile("catalog-(\\d+)\\.yaml");

    /** One changelog file: the version it leads to and the changesets it holds, in order. */
    public record Entry(CatalogVersion version, String file, List<String> changesetIds, boolean baseline,
                        boolean losesData, String forwardSummary, String rollbackSummary) {
    }

    private final NavigableMap<CatalogVersion, Entry> entries;

    private ChangelogIndex(NavigableMap<CatalogVersion, Entry> entries) {
        this.entries = entries;
    }

    /**
     * The classpath entry (a directory or a jar) the changelogs are read from: the first one that holds
     * {@value #MASTER}, as for every other resource. Liquibase must read the very files this index reads, so it is
     * given this entry alone; a directory put before the jar on the classpath (with master.yaml and every file it
     * includes) therefore replaces the shipped changelogs for the index and for Liquibase alike.
     */
    public static java.nio.file.Path classpathRoot() {
        java.net.URL url = ChangelogIndex.class.getClassLoader().getResource(MASTER);
        if (url == null) {
            throw new IllegalStateException(MASTER + " is missing from the classpath");
        }
        try {
            if (url.getProtocol().equals("jar")) {
                String spec = url.getPath();
                return java.nio.file.Path.of(new java.net.URI(spec.substring(0, spec.indexOf("!/"))));
            }
            java.nio.file.Path file = java.nio.file.Path.of(url.toURI());
            for (int i = 0; i < MASTER.split("/").length; i++) {
                file = file.getParent();
            }
            return file;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(MASTER + " is at " + url + ", which is not a file or a jar entry", e);
        }
    }

    /** The index of the changelogs on the classpath (those shipped with this build, unless a directory before it holds others). */
    public static ChangelogIndex load() {
        return load(name -> ChangelogIndex.class.getClassLoader().getResourceAsStream(name));
    }

    /** Reads the changelogs through {@code open}, which maps a resource name to its content (or null). */
    public static ChangelogIndex load(java.util.function.Function<String, InputStream> open) {
        NavigableMap<CatalogVersion, Entry> entries = new TreeMap<>();
        for (Matcher m : includes(open, MASTER, FILE, "catalog-<version>.yaml")) {
            CatalogVersion version = CatalogVersion.parse(m.group(1));
            String text = read(open, "changelogs/" + m.group());
            entries.put(version, entry(version, m.group(), text, entries.isEmpty()));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(MASTER + " includes no catalog file");
        }
        CatalogVersion expected = entries.firstKey();
        for (CatalogVersion v : entries.keySet()) {
            if (!v.equals(expected)) {
                throw new IllegalStateException(MASTER + " skips catalog " + expected + " (next file is catalog-" + v + ".yaml)");
            }
            expected = expected.next();
        }
        return new ChangelogIndex(Collections.unmodifiableNavigableMap(entries));
    }

    private static Entry entry(CatalogVersion version, String file, String text, boolean baseline) {
        List<String> ids = new ArrayList<>();
        boolean losesData = false;
        Map<String, String> summary = Map.of();
        String stepId = Step.changesetId(version);
        for (Map<String, Object> changeSet : changeSets(file, text, null)) {
            String id = String.valueOf(changeSet.get("id"));
            ids.add(id);
            losesData |= losesData(changeSet);
            if (id.equals(stepId)) {
                summary = summary(file, id, changeSet.get("comment"));
            }
        }
        String tagId = version.tag();
        if (!ids.contains(tagId) || !ids.get(ids.size() - 1).equals(tagId)) {
            throw new IllegalStateException(file + " must end with the tag changeset " + tagId);
        }
        if (!baseline && !ids.contains(stepId)) {
            throw new IllegalStateException(file + " must hold the step changeset " + stepId);
        }
        return new Entry(version, file, List.copyOf(ids), baseline, losesData,
                summary.getOrDefault("up", ""), summary.getOrDefault("down", ""));
    }

    /** The files a master changelog includes, in order, each named as {@code file} says ({@code named} in words). */
    static List<Matcher> includes(java.util.function.Function<String, InputStream> open, String master, Pattern file, String named) {
        List<Matcher> out = new ArrayList<>();
        for (Include include : includes(read(open, master))) {
            Matcher m = file.matcher(include.file());
            if (!m.matches()) {
                throw new IllegalStateException(master + " includes " + include.file() + ", which is not named " + named);
            }
            out.add(m);
        }
        return out;
    }

    /** One include of a master changelog: the file as written, and whether it is relative to the master. */
    public record Include(String file, boolean relativeToChangelogFile) {

        /** The resource path Liquibase reads for this include of {@code master}. */
        public String path(String master) {
            return relativeToChangelogFile ? master.replaceFirst("[^/]*$", "") + file : file;
        }
    }

    /** The includes of a master changelog's text, in order (its other entries skipped). */
    @SuppressWarnings("unchecked")
    public static List<Include> includes(String masterText) {
        Map<String, Object> doc = (Map<String, Object>) yaml(masterText).iterator().next();
        List<Include> out = new ArrayList<>();
        for (Object item : (List<Object>) doc.get("databaseChangeLog")) {
            Object include = item instanceof Map<?, ?> m ? m.get("include") : null;
            if (include instanceof Map<?, ?> i) {
                out.add(new Include(String.valueOf(i.get("file")), Boolean.TRUE.equals(i.get("relativeToChangelogFile"))));
            }
        }
        return out;
    }

    /**
     * The changesets of one changelog file, in order, each checked to be authored by the tool; the file's
     * logicalFilePath, when it names one, must be {@code logicalFilePath} (null: not checked).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> changeSets(String file, String text, String logicalFilePath) {
        Map<String, Object> doc = (Map<String, Object>) yaml(text).iterator().next();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : (List<Object>) doc.get("databaseChangeLog")) {
            Map<String, Object> element = (Map<String, Object>) item;
            if (logicalFilePath != null && element.containsKey("logicalFilePath") && !logicalFilePath.equals(element.get("logicalFilePath"))) {
                throw new IllegalStateException(file + ": logicalFilePath must be " + logicalFilePath);
            }
            Map<String, Object> changeSet = (Map<String, Object>) element.get("changeSet");
            if (changeSet == null) {
                continue;
            }
            if (!AUTHOR.equals(changeSet.get("author"))) {
                throw new IllegalStateException(file + ": changeset " + changeSet.get("id") + " is not authored by " + AUTHOR);
            }
            out.add(changeSet);
        }
        return out;
    }

    /** True for a changeset labelled {@value #DATA_LOSS_LABEL}. */
    static boolean losesData(Map<String, Object> changeSet) {
        Object labels = changeSet.get("labels");
        return labels != null && List.of(String.valueOf(labels).split("\\s*,\\s*")).contains(DATA_LOSS_LABEL);
    }

    /**
     * A step changeset's {@code comment:}: one line {@code up: …} (what the forward block does) and one line
     * {@code down: …} (what the rollback block does); {@code plan} and the run's step lines show them.
     */
    static Map<String, String> summary(String file, String id, Object comment) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : String.valueOf(comment == null ? "" : comment).split("\n")) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon).strip();
            if (key.equals("up") || key.equals("down")) {
                out.put(key, line.substring(colon + 1).strip());
            }
        }
        if (!out.containsKey("up") || !out.containsKey("down")) {
            throw new IllegalStateException(file + ": changeset " + id + " needs a comment with an 'up:' line and a 'down:' line");
        }
        return out;
    }

    static Iterable<Object> yaml(String text) {
        return YamlTrees.documents(text);
    }

    static String read(java.util.function.Function<String, InputStream> open, String name) {
        try (InputStream in = open.apply(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CatalogVersion lowest() {
        return entries.firstKey();
    }

    public CatalogVersion highest() {
        return entries.lastKey();
    }

    public boolean knows(CatalogVersion version) {
        return entries.containsKey(version);
    }

    public Entry entry(CatalogVersion version) {
        Entry e = entries.get(version);
        if (e == null) {
            throw new IllegalArgumentException("no changelog for catalog " + version);
        }
        return e;
    }

    /** "43–48": the versions this build can reach. */
    public String range() {
        return lowest() + "–" + highest();
    }

    /** The step between two neighbouring versions, with its data-loss flag and summary. */
    public Step step(CatalogVersion from, CatalogVersion to) {
        Entry upper = entry(from.isAbove(to) ? from : to);
        boolean down = to.isBelow(from);
        return new Step(from, to, down && upper.losesData(), down ? upper.rollbackSummary() : upper.forwardSummary());
    }

    /** The steps from one known version to another; empty when they are equal. */
    public Path path(CatalogVersion from, CatalogVersion to) {
        if (!knows(from) || !knows(to)) {
            throw new IllegalArgumentException("no path from " + from + " to " + to + " in catalogs " + range());
        }
        List<Step> steps = new ArrayList<>();
        CatalogVersion at = from;
        while (!at.equals(to)) {
            CatalogVersion next = to.isBelow(at) ? at.previous() : at.next();
            steps.add(step(at, next));
            at = next;
        }
        return new Path(from, to, steps);
    }

    /** Every changeset id that a database at {@code version} has run, in changelog order. */
    public Set<String> changesetIdsUpTo(CatalogVersion version) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : entries.headMap(version, true).values()) {
            ids.addAll(e.changesetIds());
        }
        return ids;
    }

    /** The catalog version whose file holds this changeset, if any. */
    public Optional<CatalogVersion> versionOf(String changesetId) {
        return entries.values().stream().filter(e -> e.changesetIds().contains(changesetId))
                .map(Entry::version).findFirst();
    }

    public List<CatalogVersion> versions() {
        return List.copyOf(entries.keySet());
    }
}
