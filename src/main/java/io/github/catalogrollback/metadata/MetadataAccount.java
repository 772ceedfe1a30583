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
        List<String> bad = badDocument(document);
        if (!bad.isEmpty()) {
            return new Result(bad, List.of(), List.of(), Set.of());
        }
        MetadataAccount account = new MetadataAccount(document);
        List<String> blockers = account.facts();
        account.in.reset(0);
        account.walkObject(MetadataKeys.root(), null).findings.forEach(f -> (f.key.fate() == Fate.LOST ? account.lost : account.converted)
                .add(new Item(f.path, f.key)));
        return new Result(blockers, account.converted, account.lost, account.cronTriggers);
    }

    public static Result of(String document) {
        return of(document.getBytes(StandardCharsets.UTF_8));
    }

    // --- what cannot move at all ----------------------------------------------------------------------------------

    /**
     * A document that is not an object holding {@code "version": 3} (and a list of source objects where it has
     * sources) is no v2 metadata: 43 → 42 would turn it into an empty v1 catalog. Step 43 → 42's guard
     * ({@code step-43-to-42-1-guard.sql}) refuses the same with the same words.
     */
    private static List<String> badDocument(byte[] document) {
        JsonReader r = new JsonReader(document);
        JsonReader.Kind kind = r.peek();
        if (kind != JsonReader.Kind.OBJECT) {
            return List.of("the metadata document is " + describe(kind) + ", not a JSON object");
        }
        r.beginObject();
        Object version = null;
        boolean hasVersion = false;
        JsonReader.Kind sources = null;
        boolean sourcesAreObjects = true;
        for (String key = r.nextKey(); key != null; key = r.nextKey()) {
            if (key.equals("version")) {
                hasVersion = true;
                version = r.readValue();
            } else if (key.equals("sources")) {
                sources = r.peek();
                if (sources == JsonReader.Kind.ARRAY) {
                    r.beginArray();
                    while (r.hasNext()) {
                        sourcesAreObjects &= r.peek() == JsonReader.Kind.OBJECT;
                        r.skipValue();
                    }
                } else {
                    r.skipValue();
                }
            } else {
                r.skipValue();
            }
        }
        List<String> out = new ArrayList<>();
        if (!hasVersion) {
            out.add("the metadata document has no \"version\" (a v2 document says \"version\": 3)");
        } else if (!Form.THREE.matches(version)) {
            out.add("the metadata document says \"version\": " + shortJson(version) + ", not 3");
        }
        if (sources != null && sources != JsonReader.Kind.ARRAY) {
            out.add("the metadata document's \"sources\" is " + describe(sources) + ", not a list");
        } else if (!sourcesAreObjects) {
            out.add("the metadata document's \"sources\" is not a list of objects");
        }
        return out;
    }

    /**
     * The blockers: more than one source, a source that is not Postgres, a role-based allow-list entry; and the
     * names of the cron triggers.
     */
    @SuppressWarnings("unchecked")
    private List<String> facts() {
        List<String> sourceNames = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> roleBased = new ArrayList<>();
        in.beginObject();
        for (String key = in.nextKey(); key != null; key = in.nextKey()) {
            if (key.equals("sources")) {
                in.beginArray();
                while (in.hasNext()) {
                    if (in.peek() != JsonReader.Kind.OBJECT) {
                        sourceNames.add("?");
                        in.skipValue();
                        continue;
                    }
                    in.beginObject();
                    String name = "?";
                    Object kind = "postgres";
                    for (String k = in.nextKey(); k != null; k = in.nextKey()) {
                        if (k.equals("name") || k.equals("kind")) {
                            Object v = in.readValue();
                            if (k.equals("name")) {
                                name = v instanceof String n ? n : shortJson(v);
                            } else if (v != null) {
                                kind = v;
                            }
                        } else {
                            in.skipValue();
                        }
                    }
                    sourceNames.add(name);
                    if (!Form.POSTGRES.matches(kind)) {
                        foreign.add(name + " (kind " + (kind instanceof String k ? k : shortJson(kind)) + ")");
                    }
                }
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

    /** What walking one object found, and its name when the caller asked for one. */
    private record Walked(String name, List<Finding> findings) {
    }

    /**
     * Walks the object at the reader's position, whose keys are classified under {@code node} (the table's root for
     * the document). {@code nameKey}: the key whose value names this object in paths (null: none).
     */
    private Walked walkObject(MetadataKeys.Node node, String nameKey) {
        List<Finding> out = new ArrayList<>();
        String name = null;
        in.beginObject();
        for (String key = in.nextKey(); key != null; key = in.nextKey()) {
            if (key.equals(nameKey)) {
                int at = in.position();
                name = nameOf(in.readValue());
                in.reset(at);
            }
            MetadataKeys.Node child = node.key(key);
            if (child == null || child.rules.isEmpty()) {
                String path = node.path.isEmpty() ? key : node.path + "." + key;
                out.add(new Finding(key, new Key(path, Fate.LOST, Form.ANY, null, null, UNKNOWN)));
                in.skipValue();
                continue;
            }
            walkValue(key, child, out);
        }
        return new Walked(name, out);
    }

    /** Classifies the value of one key (at the reader's position) and consumes it. */
    private void walkValue(String segment, MetadataKeys.Node node, List<Finding> out) {
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
                out.add(new Finding(segment, new Key(node.path, Fate.LOST, Form.ANY, null, null, UNREADABLE)));
                in.skipValue();
                return;
            }
        }
        JsonReader.Kind kind = in.peek();
        if (kind == JsonReader.Kind.OBJECT && node.hasKeys()) {
            // the keys below decide, whatever the fate of the container
            prefix(segment, walkObject(node, null).findings(), out);
            return;
        }
        if (kind == JsonReader.Kind.ARRAY && node.elements != null) {
            walkElements(segment, node, rule, out);
            return;
        }
        if (rule.fate() == Fate.LOST) {
            // null, false, {} and [] are what v2 writes for "not set": nothing is lost, unless the rule is about
            // particular values (e.g. an empty query_root_fields list, which allows no root field)
            if (!formed && in.nextIsEmpty()) {
                in.skipValue();
            } else if (rule.elementName() != null && kind == JsonReader.Kind.ARRAY) {
                lostElements(segment, rule, out);
            } else {
                out.add(new Finding(segment, rule));
                in.skipValue();
            }
            return;
        }
        if (rule.fate() == Fate.CONVERTED && !in.nextIsEmpty()) {
            out.add(new Finding(segment, rule));
        }
        in.skipValue();
    }

    /** The elements of a list whose elements have keys of their own. */
    private void walkElements(String segment, MetadataKeys.Node node, Key rule, List<Finding> out) {
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            if (in.peek() != JsonReader.Kind.OBJECT) {
                out.add(new Finding(segment + "[" + i + "]", new Key(node.elements.path, Fate.LOST, Form.ANY, null, null, UNREADABLE)));
                in.skipValue();
                continue;
            }
            Walked element = walkObject(node.elements, rule.elementName());
            prefix(element.name() == null ? segment + "[" + i + "]" : segment + "." + element.name(), element.findings(), out);
        }
    }

    /** A lost list, reported element by element. */
    private void lostElements(String segment, Key rule, List<Finding> out) {
        in.beginArray();
        for (int i = 0; in.hasNext(); i++) {
            String name = null;
            if (in.peek() == JsonReader.Kind.OBJECT) {
                Object element = in.readValue();
                name = nameOf(((Map<?, ?>) element).get(rule.elementName()));
            } else {
                in.skipValue();
            }
            out.add(new Finding(name == null ? segment + "[" + i + "]" : segment + "." + name, rule));
        }
    }

    private static void prefix(String segment, List<Finding> findings, List<Finding> out) {
        for (Finding f : findings) {
            out.add(new Finding(segment + "." + f.path(), f.key()));
        }
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
