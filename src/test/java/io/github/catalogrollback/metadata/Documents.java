package io.github.catalogrollback.metadata;

import io.github.catalogrollback.cli.Json;
import io.github.catalogrollback.metadata.MetadataKeys.Key;
import io.github.catalogrollback.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metadata documents for tests: written as plain Java values (maps, lists, strings, numbers, booleans, null), read
 * back from a catalog, compared with lists as multisets, and generated from the key table: for a rule, the smallest
 * document that holds exactly that key, inside elements that v1 can hold.
 */
final class Documents {

    /** The connection 42 → 43 writes for the source "default" (v1 takes it from the server's settings). */
    static final Map<String, Object> CONNECTION = map("connection_info", map(
            "database_url", map("from_env", "HASURA_GRAPHQL_DATABASE_URL"),
            "pool_settings", map("max_connections", 50, "idle_timeout", 180, "retries", 1, "connection_lifetime", 600),
            "use_prepared_statements", true,
            "isolation_level", "read-committed"));

    private Documents() {
    }

    /** A map from alternating keys and values, in that order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] instanceof Integer n ? BigDecimal.valueOf(n) : kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** A document: version 3 and one Postgres source "default" with the given tables and functions, plus the top-level parts. */
    static Map<String, Object> document(List<Object> tables, List<Object> functions, Object... topLevel) {
        Map<String, Object> source = map("name", "default", "kind", "postgres", "tables", tables, "configuration", CONNECTION);
        if (!functions.isEmpty()) {
            source.put("functions", functions);
        }
        Map<String, Object> doc = map("version", 3, "sources", list(source));
        doc.putAll(map(topLevel));
        return doc;
    }

    // --- JSON text ------------------------------------------------------------------------------------------------

    static String json(Object value) {
        return Json.write(value);
    }

    static Object parse(String json) {
        return new JsonReader(json.getBytes(StandardCharsets.UTF_8)).readValue();
    }

    /** Replaces the metadata document of the catalog. */
    static void store(TestDatabase db, Object document) {
        db.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = '" + json(document).replace("'", "''") + "' WHERE id = 1");
    }

    static Object read(TestDatabase db) {
        return parse(db.queryText("SELECT metadata::text FROM hdb_catalog.hdb_metadata WHERE id = 1"));
    }

    /**
     * A canonical text of a value: object keys sorted, list elements sorted by their own canonical text (lists
     * compared as multisets), numbers by value.
     */
    static String canonical(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, String> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put((String) k, canonical(v)));
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append(json(k)).append(':').append(v).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> l) {
            return "[" + String.join(",", l.stream().map(Documents::canonical).sorted(Comparator.naturalOrder()).toList()) + "]";
        }
        if (value instanceof BigDecimal n) {
            return n.stripTrailingZeros().toPlainString();
        }
        return json(value);
    }

    // --- documents generated from the key table ---------------------------------------------------------------------

    /**
     * The smallest document that holds the key of {@code rule} with a value of its form, inside elements named
     * after {@code tag} (so that documents for different rules can be merged), and the path under which the
     * account reports it.
     */
    record Sample(Key rule, Map<String, Object> document, String path) {
    }

    static Sample sample(Key rule, String tag) {
        String[] segments = rule.path().split("\\.");
        Map<String, Object> root = map("version", 3);
        Map<String, Object> current = root;
        List<String> path = new ArrayList<>();
        String pattern = "";
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean isList = segment.endsWith("[]");
            String key = isList ? segment.substring(0, segment.length() - 2) : segment.equals("*") ? "col_" + tag : segment;
            pattern = pattern.isEmpty() ? segment : pattern + "." + segment;
            path.add(key);
            if (i == segments.length - 1) {
                if (rule.elementName() != null && rule.fate() == MetadataKeys.Fate.LOST) {
                    current.put(key, list(map(rule.elementName(), "n_" + tag)));
                    path.add("n_" + tag);
                } else {
                    current.put(key, sampleValue(rule, tag));
                }
                break;
            }
            Map<String, Object> child = minimal(pattern, tag);
            if (isList) {
                current.put(key, list(child));
                path.add(elementName(pattern, tag));
            } else {
                current.put(key, child);
            }
            current = child;
        }
        return new Sample(rule, root, String.join(".", path));
    }

    /** The fields an element or object at {@code pattern} needs so that the v1 catalog can take it. */
    private static Map<String, Object> minimal(String pattern, String tag) {
        String p = pattern;
        if (p.equals("sources[]")) {
            return map("name", "default", "kind", "postgres", "tables", list(), "configuration", CONNECTION);
        }
        if (p.equals("sources[].tables[]")) {
            return map("table", map("schema", "public", "name", "t_" + tag));
        }
        if (p.endsWith("object_relationships[]")) {
            return map("name", "r_" + tag, "using", map("foreign_key_constraint_on", "c"));
        }
        if (p.endsWith("array_relationships[]")) {
            return map("name", "r_" + tag, "using", map("foreign_key_constraint_on", map("table", "t2", "column", "c")));
        }
        if (p.endsWith("relationships[].using")) {
            return map();
        }
        if (p.endsWith("using.manual_configuration")) {
            return map("remote_table", "t2", "column_mapping", map("a", "b"));
        }
        if (p.endsWith("using.foreign_key_constraint_on")) {
            return map("table", "t2");
        }
        if (p.endsWith("computed_fields[]")) {
            return map("name", "cf_" + tag, "definition", map("function", map("schema", "public", "name", "f")));
        }
        if (p.endsWith("remote_relationships[]")) {
            return map("name", "rr_" + tag);
        }
        if (p.endsWith("_permissions[]")) {
            return map("role", "role_" + tag, "permission", permission(p));
        }
        if (p.endsWith("_permissions[].permission")) {
            return permission(p);
        }
        if (p.endsWith("event_triggers[]")) {
            return map("name", "e_" + tag, "definition", map("enable_manual", true), "webhook", "https://hooks.example.com",
                    "retry_conf", map("num_retries", 0, "interval_sec", 10, "timeout_sec", 60));
        }
        if (p.equals("sources[].functions[]")) {
            return map("function", map("schema", "public", "name", "f_" + tag));
        }
        if (p.equals("actions[]")) {
            return map("name", "a_" + tag, "definition", map("handler", "https://actions.example.com", "type", "mutation",
                    "kind", "synchronous", "arguments", list(), "output_type", "Result"));
        }
        if (p.equals("cron_triggers[]")) {
            return map("name", "c_" + tag, "webhook", "https://jobs.example.com", "schedule", "0 3 * * *", "include_in_metadata", true,
                    "retry_conf", map("num_retries", 0, "retry_interval_seconds", 10, "timeout_seconds", 60, "tolerance_seconds", 21600),
                    "headers", list());
        }
        if (p.equals("remote_schemas[]")) {
            return map("name", "rs_" + tag, "definition", map("url", "https://remote.example.com", "timeout_seconds", 60));
        }
        if (p.equals("remote_schemas[].definition")) {
            return map("url", "https://remote.example.com");
        }
        if (p.equals("query_collections[]")) {
            return map("name", "q_" + tag, "definition", map("queries", list()));
        }
        if (p.equals("allowlist[]")) {
            return map("collection", "q_" + tag);
        }
        if (p.equals("custom_types.objects[]")) {
            return map("name", "O_" + tag, "fields", list(map("name", "ok", "type", "Boolean")));
        }
        if (p.equals("custom_types.objects[].relationships[]")) {
            return map("name", "rel_" + tag, "type", "object", "remote_table", "t", "field_mapping", map("a", "b"));
        }
        if (p.equals("sources[].configuration")) {
            return new LinkedHashMap<>(CONNECTION);
        }
        if (p.equals("sources[].configuration.connection_info")) {
            return map("database_url", map("from_env", "HASURA_GRAPHQL_DATABASE_URL"));
        }
        if (p.endsWith(".custom_root_fields.insert") || p.matches(".*\\.custom_root_fields\\.[a-z_]+")) {
            return map("name", "root_" + tag);
        }
        if (p.endsWith("column_config.*")) {
            return map("custom_name", "name_" + tag);
        }
        return map();
    }

    private static Map<String, Object> permission(String pattern) {
        if (pattern.contains("insert_permissions")) {
            return map("check", map(), "columns", list());
        }
        if (pattern.contains("delete_permissions")) {
            return map("filter", map());
        }
        return map("columns", list(), "filter", map());
    }

    /** How the account names an element of the list at {@code pattern} (ending in []). */
    private static String elementName(String pattern, String tag) {
        if (pattern.equals("sources[]")) {
            return "default";
        }
        if (pattern.endsWith("tables[]")) {
            return "public.t_" + tag;
        }
        if (pattern.endsWith("functions[]")) {
            return "public.f_" + tag;
        }
        Map<String, Object> element = minimal(pattern, tag);
        for (String key : List.of("name", "role", "collection")) {
            if (element.get(key) instanceof String s) {
                return s;
            }
        }
        throw new IllegalStateException("no name for elements of " + pattern);
    }

    /** A value of the rule's form, not empty. */
    private static Object sampleValue(Key rule, String tag) {
        String last = rule.path().substring(rule.path().lastIndexOf('.') + 1);
        return switch (rule.form()) {
            case STRING -> rule.path().endsWith("foreign_key_constraint_on") ? "c" : "s_" + tag;
            case STRING_OR_NULL -> "n_" + tag;
            case OBJECT -> rule.path().endsWith("foreign_key_constraint_on") ? map("table", "t2", "column", "c")
                    : rule.path().endsWith("column_mapping") ? map("a", "b") : map("name", "x_" + tag);
            case NULL -> null;
            case NOT_NULL -> list("select");
            case QUERY -> "query";
            case PUBLIC -> "public";
            case POSTGRES -> "postgres";
            case THREE -> BigDecimal.valueOf(3);
            case GLOBAL_SCOPE -> map("global", true);
            case ANY -> switch (last) {
                case "exposed_as" -> "mutation";
                case "name" -> "default";
                case "insertion_order" -> "before_parent";
                case "column_mapping" -> list(list("a"), list("b"));
                case "foreign_key_constraint_on" -> rule.path().contains("object_relationships") ? map("table", "t2", "column", "c") : "c";
                case "extensions_schema" -> "extensions";
                case "columns" -> list("a", "b");
                case "comment", "custom_name", "select_stream", "update_many" -> "text_" + tag;
                case "trigger_on_replication", "backend_only", "disabled" -> true;
                case "ignored_client_headers" -> list("X-Ignored");
                default -> map("x_" + tag, 1);
            };
        };
    }

    /** Merges documents: objects key by key, lists concatenated, the one source "default" merged as an object. */
    @SuppressWarnings("unchecked")
    static Object merge(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) ma);
            mb.forEach((k, v) -> out.merge((String) k, v, (x, y) -> k.equals("sources") ? list(merge(((List<Object>) x).get(0),
                    ((List<Object>) y).get(0))) : merge(x, y)));
            return out;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(la);
            out.addAll(lb);
            return out;
        }
        return b;
    }
}
