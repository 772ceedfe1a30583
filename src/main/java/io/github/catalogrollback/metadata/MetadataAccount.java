package io.github.catalogrollback.metadata;

import io.github.catalogrollback.metadata.MetadataKeys.Fate;
import io.github.catalogrollback.metadata.MetadataKeys.Form;
import io.github.catalogrollback.metadata.MetadataKeys.Key;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account of one v2 metadata document against {@link MetadataKeys}: why 43 → 42 cannot take it at all
 * (blockers), and every converted and every lost item with its path, e.g.
 * {@code sources.default.tables.public.users.event_triggers.notify.cleanup_config}. Elements of lists are named by
 * their name key (a table by schema.name), or by their position ({@code tables[3]}) when they have none.
 * Reads the document's UTF-8 text as a stream: a document of tens of MB is never held as objects.
 */
public final class MetadataAccount {

    /**
     * One converted or lost part of the document.
     *
     * @param path where it is in the document
     * @param key  the rule of the table that classified it (for an unknown key, a lost rule made on the spot)
     */
    public record Item(String path, Key key) {
        @Override
        public String toString() {
            return path;
        }
    }

    /**
     * @param blockers     why 43 → 42 refuses the document whatever the flags (empty: it can move)
     * @param converted    what v1 holds in another form, in document order
     * @param lost         what v1 cannot hold, in document order
     * @param cronTriggers the names of the document's cron triggers (their events are kept)
     */
    public record Result(List<String> blockers, List<Item> converted, List<Item> lost, Set<String> cronTriggers) {
        public Result {
            blockers = List.copyOf(blockers);
            converted = List.copyOf(converted);
            lost = List.copyOf(lost);
            cronTriggers = Set.copyOf(cronTriggers);
        }

        /** How many items each rule accounts for, keyed by the rule's path, in document order (e.g. inherited_roles → 2). */
        public static Map<String, Integer> countByRule(List<Item> items) {
            Map<String, Integer> out = new LinkedHashMap<>();
            items.forEach(i -> out.merge(i.key().path(), 1, Integer::sum));
            return out;
        }
    }

    private static final String UNKNOWN = "a key this tool does not know: v1 has no place for it";
    private static final String UNREADABLE = "a form v1 cannot read";

    private final List<Item> converted = new ArrayList<>();
    private final List<Item> lost = new ArrayList<>();
    private final Set<String> cronTriggers = new HashSet<>();
    private final JsonReader in;

    private MetadataAccount(byte[] document) {
        this.in = new JsonReader(document);
    }

    /** The account of a document given as its JSON text in UTF-8. */
    public static Result of(byte[] document) {
        MetadataAccount account = new MetadataAccount(document);
        List<String> blockers = account.blockers();
        if (blockers.stream().anyMatch(b -> b.startsWith(NOT_METADATA))) {
            return new Result(blockers, List.of(), List.of(), Set.of());
        }
        account.in.reset(0);
        List<Finding> findings = account.walkObject(MetadataKeys.root(), null).findings();
        if (findings != null) {
            findings.forEach(f -> (f.key.fate() == Fate.LOST ? account.lost : account.converted).add(new Item(f.path, f.key)));
        }
        return new Result(blockers, account.converted, account.lost, account.cronTriggers);
    }

    public static Result of(String document) {
        return of(document.getBytes(StandardCharsets.UTF_8));
    }

    // --- what cannot move at all ----------------------------------------------------------------------------------

    /** How the blockers that say a value is no v2 metadata begin. */
    private static final String NOT_METADATA = "the metadata document";

    /**
     * Why 43 → 42 refuses the document whatever the flags, in one pass over its top level (also collecting the
     * names of its cron triggers):
     * <ul>
     *   <li>a value that is not an object holding {@code "version": 3} (and a list of source objects where it has
     *       sources) is no v2 metadata: 43 → 42 would turn it into an empty v1 catalog;</li>
     *   <li>more than one source, a source that is not Postgres, a role-based allow-list entry: v1 cannot hold them.</li>
     * </ul>
     * Step 43 → 42's guard ({@code step-43-to-42-1-guard.sql}) refuses the same with the same words.
     */
    @SuppressWarnings("unchecked")
    private List<String> blockers() {
        JsonReader.Kind kind = in.peek();
        if (kind != JsonReader.Kind.OBJECT) {
            return List.of(NOT_METADATA + " is " + describe(kind) + ", not a JSON object");
        }
        Object version = null;
        boolean hasVersion = false;
        JsonReader.Kind sources = null;
        boolean sourcesAreObjects = true;
        List<String> sourceNames = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> roleBased = new ArrayList<>();
        in.beginObject();
        for (String key = in.nextKey(); key != null; key = in.nextKey()) {
            if (key.equals("version")) {
                hasVersion = true;
                version = in.readValue();
            } else if (key.equals("sources") && in.peek() == JsonReader.Kind.ARRAY) {
                sources = JsonReader.Kind.ARRAY;
                in.beginArray();
                while (in.hasNext()) {
                    if (in.peek() != JsonReader.Kind.OBJECT) {
                        sourcesAreObjects = false;
                        in.skipValue();
                        continue;
                    }
                    in.beginObject();
                    String name = "?";
                    Object sourceKind = "postgres";
                    for (String k = in.nextKey(); k != null; k = in.nextKey()) {
                        if (k.equals("name") || k.equals("kind")) {
                            Object v = in.readValue();
                            if (k.equals("name")) {
                                name = v instanceof String n ? n : shortJson(v);
                            } else if (v != null) {
                                sourceKind = v;
                            }
                        } else {
                            in.skipValue();
                        }
                    }
                    sourceNames.add(name);
                    if (!Form.POSTGRES.matches(sourceKind)) {
                        foreign.add(name + " (kind " + (sourceKind instanceof String k ? k : shortJson(sourceKind)) + ")");
                    }
                }
            } else if (key.equals("sources")) {
                sources = in.peek();
                in.skipValue();
            } else if (key.equals("cron_triggers") && in.peek() == JsonReader.Kind.ARRAY) {
                for (Object trigger : (List<Object>) in.readValue()) {
                    if (trigger instanceof Map<?, ?> t && t.get("name") instanceof String name) {
                        cronTriggers.add(name);
                    }
                }
            } else if (key.equals("allowlist") && in.peek() == JsonReader.Kind.ARRAY) {
                for (Object entry : (List<Object>) in.readValue()) {
                    if (entry instanceof Map<?, ?> e && e.get("scope") instanceof Map<?, ?> && !Form.GLOBAL_SCOPE.matches(e.get("scope"))) {
                        roleBased.add(e.get("collection") instanceof String c ? c : "?");
                    }
                }
            } else {
                in.skipValue();
            }
        }
        List<String> out = new ArrayList<>();
        if (!hasVersion) {
            out.add(NOT_METADATA + " has no \"version\" (a v2 document says \"version\": 3)");
        } else if (!Form.THREE.matches(version)) {
            out.add(NOT_METADATA + " says \"version\": " + shortJson(version) + ", not 3");
        }
        if (sources != null && sources != JsonReader.Kind.ARRAY) {
            out.add("the metadata document's \"sources\" is " + describe(sources) + ", not a list");
        } else if (!sourcesAreObjects) {
            out.add("the metadata document's \"sources\" is not a list of objects");
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (sourceNames.size() > 1) {
            out.add("the metadata has " + sourceNames.size() + " sources (" + String.join(", ", sourceNames)
                    + "); a v1 catalog holds exactly one Postgres database");
        }
        if (!foreign.isEmpty()) {
            out.add("source " + String.join(", ", foreign) + " is not a Postgres source; v1 only serves Postgres");
        }
        if (!roleBased.isEmpty()) {
            out.add("the allow-list entries for " + String.join(", ", roleBased) + " are role-based; the v1 allow-list is global only");
        }
        return out;
    }

    // --- the walk ---------------------------------------------------------------------------------------------------

    /** A converted or lost part, its path relative to the object being walked. */
    private record Finding(String path, Key key) {
    }

    /** What walking one object found (null: nothing), and its name when the caller asked for one and it found something. */
    private record Walked(String name, List<Finding> findings) {
    }

    /**
     * Walks the object at the reader's position, whose keys are classified under {@code node} (the table's root for
     * the document). {@code nameKey}: the key whose value names this object in paths (null: none); it is read only
     * when the object holds something to report.
     */
    private Walked walkObject(MetadataKeys.Node node, byte[] nameKey) {
        List<Finding> out = null;
        int namedAt = -1;
        in.beginObject();
        while (in.nextKeyInPlace()) {
            if (nameKey != null && in.keyIs(nameKey)) {
                namedAt = in.position();
            }
            MetadataKeys.Node child = node.key(in);
            if (child == null || child.rules.isEmpty()) {
                String key = in.keyText();
                String path = node.path.isEmpty() ? key : node.path + "." + key;
                out = add(out, new Finding(key, new Key(path, Fate.LOST, Form.ANY, null, null, UNKNOWN)));
                in.skipValue();
                continue;
            }
            out = walkValue(child.segment(in), child, out);
        }
        String name = null;
        if (out != null && namedAt >= 0) {
            int at = in.position();
            in.reset(namedAt);
            name = nameOf(in.readValue());
            in.reset(at);
        }
        return new Walked(name, out);
    }

    private static List<Finding> add(List<Finding> out, Finding finding) {
        List<Finding> list = out == null ? new ArrayList<>() : out;
        list.add(finding);
        return list;
    }

    /** Classifies the value of one key (at the reader's position) and consumes it; returns {@code out} with what it found. */
    private List<Finding> walkValue(String segment, MetadataKeys.Node node, List<Finding> out) {
        List<Key> rules = node.rules;
        Key rule = rules.get(0);
        boolean formed = rules.size() > 1 || rule.form() != Form.ANY;
        if (formed) {
            int at = in.position();
            Object value = in.readValue();
            in.reset(at);
            rule = null;
            for (Key candidate : rules) {
                if (candidate.form().matches(value)) {
                    rule = candidate;
                    break;
                }
            }
            if (rule == null) {
                in.skipValue();
                return add(out, new Finding(segment, new Key(node.path, Fate.LOST, Form.ANY, null, null, UNREADABLE)));
            }
        }
        JsonReader.Kind kind = in.peek();
        if (kind == JsonReader.Kind.OBJECT && node.hasKeys()) {
            // the keys below decide, whatever the fate of the container
            return prefix(segment, walkObject(node, null).findings(), out);
        }
        if (kind == JsonReader.Kind.ARRAY && node.elements != null) {
            return walkElements(segment, node, rule, out);
        }
        if (rule.fate() == Fate.LOST) {
            // null, false, {} and [] are what v2 writes for "not set": nothing is lost, unless the rule is about
            // particular values (e.g. an empty query_root_fields list, which allows no root field)
            if (!formed && in.nextIsEmpty()) {
                in.skipValue();
                return out;
            }
            if (rule.elementName() != null && kind == JsonReader.Kind.ARRAY) {
                return lostElements(segment, rule, out);
            }
            in.skipValue();
            return add(out, new Finding(segment, rule));
        }
        if (rule.fate() == Fate.CONVERTED && !in.nextIsEmpty()) {
            out = add(out, new Finding(segment, rule));
        }
        in.skipValue();
        return out;
    }

    /** The elements of a list whose elements have keys of their own. */
    private List<Finding> walkElements(String segment, MetadataKeys.Node node, Key rule, List<Finding> out) {
        byte[] nameKey = rule.elementName() == null ? null : rule.elementName().getBytes(StandardCharsets.UTF_8);
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            if (in.peek() != JsonReader.Kind.OBJECT) {
                in.skipValue();
                out = add(out, new Finding(segment + "[" + i + "]", new Key(node.elements.path, Fate.LOST, Form.ANY, null, null, UNREADABLE)));
                continue;
            }
            Walked element = walkObject(node.elements, nameKey);
            if (element.findings() != null) {
                out = prefix(element.name() == null ? segment + "[" + i + "]" : segment + "." + element.name(), element.findings(), out);
            }
        }
        return out;
    }

    /** A lost list, reported element by element. */
    private List<Finding> lostElements(String segment, Key rule, List<Finding> out) {
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            String name = null;
            if (in.peek() == JsonReader.Kind.OBJECT) {
                Object element = in.readValue();
                name = nameOf(((Map<?, ?>) element).get(rule.elementName()));
            } else {
                in.skipValue();
            }
            out = add(out, new Finding(name == null ? segment + "[" + i + "]" : segment + "." + name, rule));
        }
        return out;
    }

    private static List<Finding> prefix(String segment, List<Finding> findings, List<Finding> out) {
        if (findings == null) {
            return out;
        }
        for (Finding f : findings) {
            out = add(out, new Finding(segment + "." + f.path(), f.key()));
        }
        return out;
    }

    /** A list element's name: a string as it is, a {schema, name} object as schema.name. */
    private static String nameOf(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.get("name") instanceof String n) {
            return m.get("schema") instanceof String schema ? schema + "." + n : n;
        }
        return null;
    }

    private static String describe(JsonReader.Kind kind) {
        return switch (kind) {
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    private static String shortJson(Object value) {
        String text;
        if (value == null) {
            text = "null";
        } else if (value instanceof String s) {
            text = "\"" + s + "\"";
        } else if (value instanceof BigDecimal || value instanceof Boolean) {
            text = value.toString();
        } else {
            text = value instanceof Map<?, ?> ? "an object" : "a list";
        }
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
