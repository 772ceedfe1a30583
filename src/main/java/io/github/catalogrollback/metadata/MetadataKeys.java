package io.github.catalogrollback.metadata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every key of a Hasura v2 metadata document ({@code "version": 3}), at every level, and what step 43 → 42 does
 * with it: <em>moved</em> (a v1 catalog holds it as it is), <em>converted</em> (v1 holds it in another form) or
 * <em>lost</em> (v1 cannot hold it). A key the table does not list is lost. The authority is the key table of
 * {@code hasura-metadata-v3-keys.md} (Hasura's metadata reference and code, described there); the SQL of step
 * 43 → 42 ({@code changelogs/sql/step-43-to-42-*.sql}) does what this table says, and the tests of this package
 * prove that they agree. The loss report ({@link MetadataAccount}) and README's summary ({@link #summary()}) both
 * come from this table.
 *
 * <p>Paths: keys joined by {@code .}; {@code []} stands for the elements of a list, {@code *} for any key of a map.
 * A key whose value is a list or an object and which has keys of its own listed below it is looked into, and those
 * keys decide; otherwise its value is taken as a whole.
 */
public final class MetadataKeys {

    /** What step 43 → 42 does with a key. */
    public enum Fate {
        /** A v1 catalog holds it as it is. */
        MOVED,
        /** A v1 catalog holds it in another form; nothing is lost. */
        CONVERTED,
        /** A v1 catalog cannot hold it (or v1.3 ignores it): moving needs --accept-metadata-loss. */
        LOST
    }

    /** The values a rule is about; a key may have several rules, the first whose form matches decides. */
    public enum Form {
        ANY(v -> true),
        STRING(v -> v instanceof String),
        STRING_OR_NULL(v -> v == null || v instanceof String),
        OBJECT(v -> v instanceof Map<?, ?>),
        NULL(Objects::isNull),
        NOT_NULL(Objects::nonNull),
        QUERY("query"::equals),
        PUBLIC("public"::equals),
        POSTGRES(v -> "postgres".equals(v) || "pg".equals(v)),
        THREE(v -> v instanceof BigDecimal n && n.compareTo(BigDecimal.valueOf(3)) == 0),
        GLOBAL_SCOPE(v -> v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("global")));

        private final Predicate<Object> test;

        Form(Predicate<Object> test) {
            this.test = test;
        }

        boolean matches(Object value) {
            return test.test(value);
        }
    }

    /**
     * One rule of the table.
     *
     * @param path        where the key is, e.g. {@code sources[].tables[].event_triggers[].cleanup_config}
     * @param fate        what 43 → 42 does with it
     * @param form        the values the rule is about ({@link Form#ANY}: all; the value is then not read)
     * @param elementName for a list: the key of its elements that names them in reports (e.g. {@code name}); a lost
     *                    list is reported element by element
     * @param where       moved or converted: where v1 keeps it; lost: the v1 column whose JSON keeps it although
     *                    v1.3 ignores it (so that going back up restores it), or null when it is dropped
     * @param note        why, in a few words
     */
    public record Key(String path, Fate fate, Form form, String elementName, String where, String note) {

        /** Lost, with its value kept in a v1 JSON column that v1.3 ignores. */
        public boolean kept() {
            return fate == Fate.LOST && where != null;
        }
    }

    private static final String HT = "hdb_catalog.hdb_table";
    private static final String HT_CONFIG = HT + ".configuration";
    private static final String HR = "hdb_catalog.hdb_relationship.rel_def";
    private static final String HP = "hdb_catalog.hdb_permission.perm_def";
    private static final String ET = "hdb_catalog.event_triggers.configuration";
    private static final String HF = "hdb_catalog.hdb_function.configuration";
    private static final String HA = "hdb_catalog.hdb_action.action_defn";
    private static final String HCT = "hdb_catalog.hdb_custom_types";
    private static final String HCR = "hdb_catalog.hdb_cron_triggers";
    private static final String RS = "hdb_catalog.remote_schemas.definition";
    private static final String HRR = "hdb_catalog.hdb_remote_relationship.definition";
    private static final String CONNECTION = "the v1 server's own settings (--database-url or HASURA_GRAPHQL_DATABASE_URL,"
            + " HASURA_GRAPHQL_PG_CONNECTIONS, …)";
    private static final String CONNECTION_NOTE = "v1 reads the connection from its server's settings; going back up writes"
            + " HASURA_GRAPHQL_DATABASE_URL and the default pool settings";
    private static final String WIDENS = "v1.3 ignores it, which widens access";
    private static final String IGNORED = "v1.3 ignores it";
    private static final String NO_PLACE = "v1 has no place for it";

    /** The nine root fields of a v1 table, in v1's order. */
    private static final List<String> V1_ROOT_FIELDS = List.of("select", "select_by_pk", "select_aggregate", "insert", "insert_one",
            "update", "update_by_pk", "delete", "delete_by_pk");

    private static final List<Key> KEYS = build();

    private static final Map<String, List<Key>> BY_PATH;
    private static final Node ROOT = new Node("");

    /**
     * The table as a tree, for walking a document without building paths: a node per key path, with the nodes of
     * its keys, of its list elements ({@code []}) and of any key of a map ({@code *}).
     */
    static final class Node {
        final String path;
        final Map<String, Node> keys = new HashMap<>();
        Node elements;
        Node anyKey;
        List<Key> rules = List.of();

        private final String last;

        private Node(String path) {
            this.path = path;
            this.last = path.substring(path.lastIndexOf('.') + 1);
        }

        /** The key of this node as it appears in the document: its own name, or the reader's key for a map's {@code *}. */
        String segment(JsonReader in) {
            return last.equals("*") ? in.keyText() : last;
        }

        private byte[][] keyBytes = new byte[0][];
        private Node[] keyNodes = new Node[0];

        /** The node of one key of this object: its own, or the map's {@code *}; null when the key is unknown. */
        Node key(String key) {
            Node n = keys.get(key);
            return n != null ? n : anyKey;
        }

        /** The node of the reader's current key (see {@link JsonReader#nextKeyInPlace}), compared byte by byte. */
        Node key(JsonReader in) {
            if (in.keyEscaped()) {
                return key(in.keyText());
            }
            for (int i = 0; i < keyBytes.length; i++) {
                if (in.keyIs(keyBytes[i])) {
                    return keyNodes[i];
                }
            }
            return anyKey;
        }

        boolean hasKeys() {
            return !keys.isEmpty() || anyKey != null;
        }

        private Node child(String segment) {
            if (segment.equals("*")) {
                if (anyKey == null) {
                    anyKey = new Node(join(segment));
                }
                return anyKey;
            }
            Node n = keys.get(segment);
            if (n == null) {
                n = new Node(join(segment));
                keys.put(segment, n);
                keyBytes = java.util.Arrays.copyOf(keyBytes, keyBytes.length + 1);
                keyNodes = java.util.Arrays.copyOf(keyNodes, keyNodes.length + 1);
                keyBytes[keyBytes.length - 1] = segment.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                keyNodes[keyNodes.length - 1] = n;
            }
            return n;
        }

        private Node elementsNode() {
            if (elements == null) {
                elements = new Node(path + "[]");
            }
            return elements;
        }

        private String join(String segment) {
            return path.isEmpty() ? segment : path + "." + segment;
        }
    }

    static {
        Map<String, List<Key>> byPath = new LinkedHashMap<>();
        for (Key k : KEYS) {
            byPath.computeIfAbsent(k.path(), p -> new ArrayList<>()).add(k);
        }
        byPath.replaceAll((p, rules) -> List.copyOf(rules));
        BY_PATH = Collections.unmodifiableMap(byPath);
        byPath.forEach((path, rules) -> {
            Node node = ROOT;
            for (String segment : path.split("\\.")) {
                boolean list = segment.endsWith("[]");
                node = node.child(list ? segment.substring(0, segment.length() - 2) : segment);
                if (list) {
                    node = node.elementsNode();
                }
            }
            if (node.path.endsWith("[]")) {
                throw new IllegalStateException("a rule names a key, not the elements of a list: " + path);
            }
            node.rules = rules;
        });
    }

    private MetadataKeys() {
    }

    /** The whole table, in the order of the metadata reference. */
    public static List<Key> all() {
        return KEYS;
    }

    /** The tree of the table; its root is the document. */
    static Node root() {
        return ROOT;
    }

    /** True when keys below {@code path} are listed, so that its value (object, map or list) is looked into. */
    static boolean hasKeysBelow(String path) {
        return BY_PATH.keySet().stream().anyMatch(p -> p.startsWith(path + ".") || p.startsWith(path + "[]"));
    }

    /** How many key paths the table classifies as each fate (a path with several rules counts under each). */
    public static Map<Fate, Integer> sizes() {
        Map<Fate, Set<String>> paths = new EnumMap<>(Fate.class);
        for (Fate f : Fate.values()) {
            paths.put(f, new HashSet<>());
        }
        KEYS.forEach(k -> paths.get(k.fate()).add(k.path()));
        Map<Fate, Integer> out = new EnumMap<>(Fate.class);
        paths.forEach((f, p) -> out.put(f, p.size()));
        return out;
    }

    /**
     * README's summary of the table (Markdown): the number of key paths per fate, then, for each level of the
     * document (the document itself and each kind of list element), how many keys are moved and which are converted
     * and lost. {@code MetadataKeysTest} keeps README.md equal to it.
     */
    public static String summary() {
        Map<Fate, Integer> sizes = sizes();
        StringBuilder out = new StringBuilder();
        out.append("The key table (`metadata/MetadataKeys.java`) classifies ").append(BY_PATH.size()).append(" key paths: ")
                .append(sizes.get(Fate.MOVED)).append(" moved, ").append(sizes.get(Fate.CONVERTED)).append(" converted, ")
                .append(sizes.get(Fate.LOST)).append(" lost (a key whose fate depends on its value counts under each).")
                .append(" A key it does not list is lost.\n\n");
        out.append("| level | moved | converted | lost |\n|---|---|---|---|\n");
        Map<String, Map<Fate, List<String>>> levels = new LinkedHashMap<>();
        for (Key k : KEYS) {
            int cut = k.path().lastIndexOf("[].");
            String level = cut < 0 ? "" : k.path().substring(0, cut + 2);
            String key = cut < 0 ? k.path() : k.path().substring(cut + 3);
            Map<Fate, List<String>> byFate = levels.computeIfAbsent(level, l -> new EnumMap<>(Fate.class));
            for (Fate f : Fate.values()) {
                byFate.computeIfAbsent(f, x -> new ArrayList<>());
            }
            String shown = k.fate() == Fate.MOVED ? key : "`" + key + "`" + (k.form() == Form.ANY ? "" : " (" + formWord(k.form()) + ")")
                    + (k.kept() ? "*" : "");
            List<String> list = byFate.get(k.fate());
            if (!list.contains(shown) && (k.fate() == Fate.MOVED || !hasKeysBelow(k.path()))) {
                list.add(shown);
            }
        }
        levels.forEach((level, byFate) -> out.append("| ").append(level.isEmpty() ? "the document" : "`" + level + "`").append(" | ")
                .append(byFate.get(Fate.MOVED).size()).append(" | ").append(String.join(", ", byFate.get(Fate.CONVERTED))).append(" | ")
                .append(String.join(", ", byFate.get(Fate.LOST))).append(" |\n"));
        out.append("\nKeys are relative to their level. `*`: v1.3 ignores the key, but its value stays in the v1 row's JSON")
                .append(" column, so going back up restores it.\n");
        return out.toString();
    }

    private static String formWord(Form form) {
        return switch (form) {
            case STRING -> "a string";
            case STRING_OR_NULL -> "a name or null";
            case OBJECT -> "an object";
            case NULL -> "null";
            case NOT_NULL -> "not null";
            case QUERY -> "\"query\"";
            case PUBLIC -> "\"public\"";
            case POSTGRES -> "postgres";
            case THREE -> "3";
            case GLOBAL_SCOPE -> "global";
            case ANY -> "any";
        };
    }

    // --- the table ------------------------------------------------------------------------------------------------

    private static List<Key> build() {
        Table t = new Table();

        // top level
        t.converted("version", Form.THREE, "hdb_catalog.hdb_version.version (catalog 42)", "v1 keeps no format version");
        t.list("sources", Fate.CONVERTED, "name", "the v1 metadata tables", "the one Postgres source is flattened into v1's tables");
        t.list("remote_schemas", Fate.MOVED, "name", "hdb_catalog.remote_schemas", null);
        t.list("query_collections", Fate.MOVED, "name", "hdb_catalog.hdb_query_collection", null);
        t.list("allowlist", Fate.MOVED, "collection", "hdb_catalog.hdb_allowlist", null);
        t.list("actions", Fate.MOVED, "name", "hdb_catalog.hdb_action", null);
        t.moved("custom_types", HCT);
        t.list("cron_triggers", Fate.MOVED, "name", HCR, null);
        t.list("rest_endpoints", Fate.LOST, "name", null, NO_PLACE);
        t.lost("api_limits", null, NO_PLACE);
        t.converted("api_limits.disabled", Form.ANY, "none", "v1 has no API limits, as if they were disabled");
        for (String limit : List.of("rate_limit", "depth_limit", "node_limit", "time_limit", "batch_limit")) {
            t.lost("api_limits." + limit, null, NO_PLACE);
        }
        t.lost("metrics_config", null, NO_PLACE);
        t.list("inherited_roles", Fate.LOST, "role_name", null, "v1 has no role inheritance");
        t.lost("graphql_schema_introspection", null, NO_PLACE);
        t.lost("graphql_schema_introspection.disabled_for_roles", null, "v1 always allows introspection");
        t.lost("network", null, NO_PLACE);
        t.lost("backend_configs", null, NO_PLACE);
        t.lost("opentelemetry", null, NO_PLACE);

        // a source
        String s = "sources[].";
        t.converted(s + "name", Form.ANY, "none", "v1 serves the one database it runs on; going back up names it default");
        t.converted(s + "kind", Form.POSTGRES, "none", "v1 serves Postgres only");
        t.lost(s + "kind", null, "a source that is not Postgres: the run refuses it");
        t.converted(s + "configuration", Form.ANY, CONNECTION, CONNECTION_NOTE);
        t.converted(s + "configuration.connection_info", Form.ANY, CONNECTION, CONNECTION_NOTE);
        String ci = s + "configuration.connection_info.";
        t.converted(ci + "database_url", Form.ANY, CONNECTION, CONNECTION_NOTE);
        t.converted(ci + "database_url.from_env", Form.ANY, CONNECTION, CONNECTION_NOTE);
        t.converted(ci + "database_url.connection_parameters", Form.ANY, CONNECTION, "v1 takes them as one URL");
        t.lost(ci + "database_url.dynamic_from_file", null, NO_PLACE);
        t.converted(ci + "pool_settings", Form.ANY, CONNECTION, CONNECTION_NOTE);
        for (String setting : List.of("max_connections", "idle_timeout", "retries", "connection_lifetime")) {
            t.converted(ci + "pool_settings." + setting, Form.ANY, CONNECTION, CONNECTION_NOTE);
        }
        t.lost(ci + "pool_settings.pool_timeout", null, NO_PLACE);
        t.lost(ci + "pool_settings.total_max_connections", null, NO_PLACE);
        t.converted(ci + "use_prepared_statements", Form.ANY, CONNECTION, CONNECTION_NOTE);
        t.converted(ci + "isolation_level", Form.ANY, CONNECTION, CONNECTION_NOTE);
        t.lost(ci + "ssl_configuration", null, NO_PLACE);
        t.lost(s + "configuration.read_replicas", null, NO_PLACE);
        t.converted(s + "configuration.extensions_schema", Form.PUBLIC, "none", "v1 uses public");
        t.lost(s + "configuration.extensions_schema", null, "v1 uses public");
        t.lost(s + "configuration.connection_template", null, NO_PLACE);
        t.lost(s + "configuration.connection_set", null, NO_PLACE);
        t.list(s + "tables", Fate.MOVED, "table", HT, null);
        t.list(s + "functions", Fate.MOVED, "function", "hdb_catalog.hdb_function", null);
        t.lost(s + "customization", null, NO_PLACE);
        for (String c : List.of("root_fields", "type_names", "naming_convention")) {
            t.lost(s + "customization." + c, null, NO_PLACE);
        }
        t.lost(s + "query_tags", null, NO_PLACE);
        t.lost(s + "health_check", null, NO_PLACE);
        t.list(s + "logical_models", Fate.LOST, "name", null, NO_PLACE);
        t.list(s + "native_queries", Fate.LOST, "root_field_name", null, NO_PLACE);
        t.list(s + "stored_procedures", Fate.LOST, "stored_procedure", null, NO_PLACE);

        // a table
        String tb = s + "tables[].";
        t.moved(tb + "table", HT + ".table_schema, table_name");
        t.moved(tb + "is_enum", HT + ".is_enum");
        t.moved(tb + "configuration", HT_CONFIG);
        t.moved(tb + "configuration.custom_root_fields", HT_CONFIG);
        for (String field : V1_ROOT_FIELDS) {
            String f = tb + "configuration.custom_root_fields." + field;
            t.add(f, Fate.MOVED, Form.STRING_OR_NULL, null, HT_CONFIG, null);
            t.add(f, Fate.CONVERTED, Form.OBJECT, null, HT_CONFIG, "{name, comment}: v1 takes the name alone");
            t.converted(f + ".name", Form.ANY, HT_CONFIG, "v1 takes the name alone");
            t.lost(f + ".comment", null, "v1 has no comments on root fields");
        }
        t.lost(tb + "configuration.custom_root_fields.select_stream", HT_CONFIG, "v1.3 has no streaming subscriptions");
        t.lost(tb + "configuration.custom_root_fields.update_many", HT_CONFIG, IGNORED);
        t.moved(tb + "configuration.custom_column_names", HT_CONFIG);
        t.converted(tb + "configuration.column_config", Form.ANY, HT_CONFIG + ".custom_column_names",
                "each custom_name becomes a custom_column_names entry");
        t.converted(tb + "configuration.column_config.*", Form.ANY, HT_CONFIG + ".custom_column_names",
                "each custom_name becomes a custom_column_names entry");
        t.converted(tb + "configuration.column_config.*.custom_name", Form.ANY, HT_CONFIG + ".custom_column_names",
                "becomes a custom_column_names entry");
        t.lost(tb + "configuration.column_config.*.comment", HT_CONFIG, "v1 has no column comments");
        t.lost(tb + "configuration.custom_name", HT_CONFIG, IGNORED);
        t.lost(tb + "configuration.comment", HT_CONFIG, "v1 has no table comments");
        for (String kind : List.of("object", "array")) {
            String r = tb + kind + "_relationships";
            t.list(r, Fate.MOVED, "name", "hdb_catalog.hdb_relationship (rel_type " + kind + ")", null);
            t.moved(r + "[].name", "hdb_catalog.hdb_relationship.rel_name");
            t.moved(r + "[].comment", "hdb_catalog.hdb_relationship.comment");
            t.moved(r + "[].using", HR);
            String fk = r + "[].using.foreign_key_constraint_on";
            if (kind.equals("object")) {
                t.add(fk, Fate.MOVED, Form.STRING, null, HR, "a column of this table");
                t.lost(fk, HR, "{table, column(s)} or a column list: v1.3 reads one column of this table only");
            } else {
                t.add(fk, Fate.MOVED, Form.OBJECT, null, HR, "{table, column}");
                t.lost(fk, HR, "v1.3 reads {table, column} only");
                t.moved(fk + ".table", HR);
                t.moved(fk + ".column", HR);
                t.lost(fk + ".columns", HR, "v1.3 reads one column only");
            }
            String manual = r + "[].using.manual_configuration";
            t.moved(manual, HR);
            t.moved(manual + ".remote_table", HR);
            t.add(manual + ".column_mapping", Fate.MOVED, Form.OBJECT, null, HR, null);
            t.lost(manual + ".column_mapping", HR, "a list of paths: v1.3 reads {column: column} only");
            t.add(manual + ".insertion_order", Fate.MOVED, Form.NULL, null, HR, null);
            t.lost(manual + ".insertion_order", HR, IGNORED);
            t.lost(manual + ".remote_native_query", HR, NO_PLACE);
        }
        t.list(tb + "computed_fields", Fate.MOVED, "name", "hdb_catalog.hdb_computed_field", null);
        t.moved(tb + "computed_fields[].name", "hdb_catalog.hdb_computed_field.computed_field_name");
        t.moved(tb + "computed_fields[].definition", "hdb_catalog.hdb_computed_field.definition");
        for (String d : List.of("function", "table_argument", "session_argument")) {
            t.moved(tb + "computed_fields[].definition." + d, "hdb_catalog.hdb_computed_field.definition");
        }
        t.moved(tb + "computed_fields[].comment", "hdb_catalog.hdb_computed_field.comment");
        String rr = tb + "remote_relationships[].";
        t.list(tb + "remote_relationships", Fate.MOVED, "name", "hdb_catalog.hdb_remote_relationship", null);
        t.moved(rr + "name", "hdb_catalog.hdb_remote_relationship.remote_relationship_name");
        t.moved(rr + "definition", HRR);
        for (String d : List.of("remote_schema", "hasura_fields", "remote_field")) {
            t.moved(rr + "definition." + d, HRR);
            t.moved(rr + d, HRR);
        }
        t.converted(rr + "definition.to_remote_schema", Form.ANY, HRR,
                "written in v1's form {remote_schema, hasura_fields, remote_field}, which v2 reads as the same relationship");
        for (String d : List.of("remote_schema", "lhs_fields", "remote_field")) {
            t.converted(rr + "definition.to_remote_schema." + d, Form.ANY, HRR, "written in v1's form");
        }
        t.lost(rr + "definition.to_source", null, "v1 cannot join two databases");
        Map<String, List<String>> permissionKeys = new LinkedHashMap<>();
        permissionKeys.put("insert", List.of("check", "set", "columns", "backend_only"));
        permissionKeys.put("select", List.of("columns", "filter", "limit", "computed_fields", "allow_aggregations"));
        permissionKeys.put("update", List.of("columns", "filter", "set", "check"));
        permissionKeys.put("delete", List.of("filter"));
        for (Map.Entry<String, List<String>> type : permissionKeys.entrySet()) {
            String p = tb + type.getKey() + "_permissions";
            t.list(p, Fate.MOVED, "role", "hdb_catalog.hdb_permission (perm_type " + type.getKey() + ")", null);
            t.moved(p + "[].role", "hdb_catalog.hdb_permission.role_name");
            t.moved(p + "[].comment", "hdb_catalog.hdb_permission.comment");
            t.moved(p + "[].permission", HP);
            type.getValue().forEach(k -> t.moved(p + "[].permission." + k, HP));
            t.lost(p + "[].permission.validate_input", HP, "v1.3 ignores it and skips the validation");
            if (type.getKey().equals("select")) {
                for (String k : List.of("query_root_fields", "subscription_root_fields")) {
                    t.add(p + "[].permission." + k, Fate.MOVED, Form.NULL, null, HP, "null: every root field, as in v1");
                    t.add(p + "[].permission." + k, Fate.LOST, Form.NOT_NULL, null, HP, WIDENS);
                }
            }
            if (type.getKey().equals("update") || type.getKey().equals("delete")) {
                t.lost(p + "[].permission.backend_only", HP, WIDENS);
            }
        }
        String et = tb + "event_triggers";
        t.list(et, Fate.MOVED, "name", "hdb_catalog.event_triggers (the whole entry in configuration)", null);
        for (String k : List.of("name", "definition", "retry_conf", "webhook", "webhook_from_env", "headers")) {
            t.moved(et + "[]." + k, ET);
        }
        for (String op : List.of("insert", "update", "delete", "enable_manual")) {
            t.moved(et + "[].definition." + op, ET);
        }
        t.lost(et + "[].request_transform", ET, "v1.3 ignores it and sends the untransformed payload");
        t.lost(et + "[].response_transform", ET, IGNORED);
        t.lost(et + "[].cleanup_config", ET, "v1.3 does not clean up event logs");
        t.lost(et + "[].trigger_on_replication", ET, IGNORED);
        t.lost(tb + "apollo_federation_config", null, NO_PLACE);
        t.lost(tb + "logical_model", null, NO_PLACE);

        // a function
        String fn = s + "functions[].";
        t.moved(fn + "function", "hdb_catalog.hdb_function.function_schema, function_name");
        t.moved(fn + "configuration", HF);
        t.moved(fn + "configuration.session_argument", HF);
        t.add(fn + "configuration.exposed_as", Fate.MOVED, Form.QUERY, null, HF, null);
        t.lost(fn + "configuration.exposed_as", HF, "v1.3 serves functions as queries only");
        t.lost(fn + "configuration.custom_root_fields", HF, "v1.3 ignores it: the root field names change");
        t.lost(fn + "configuration.custom_name", HF, "v1.3 ignores it: the root field names change");
        t.lost(fn + "configuration.response", HF, IGNORED);
        t.list(fn + "permissions", Fate.LOST, "role", null, "v1 lets every role with select on the returned table call it");
        t.lost(fn + "comment", null, NO_PLACE);

        // an action
        String ac = "actions[].";
        t.moved(ac + "name", "hdb_catalog.hdb_action.action_name");
        t.moved(ac + "comment", "hdb_catalog.hdb_action.comment");
        t.moved(ac + "definition", HA);
        for (String k : List.of("handler", "type", "kind", "arguments", "output_type", "headers", "forward_client_headers", "timeout")) {
            t.moved(ac + "definition." + k, HA);
        }
        t.lost(ac + "definition.ignored_client_headers", HA, IGNORED);
        t.lost(ac + "definition.request_transform", HA, "v1.3 ignores it and sends the untransformed request");
        t.lost(ac + "definition.response_transform", HA, IGNORED);
        t.list(ac + "permissions", Fate.MOVED, "role", "hdb_catalog.hdb_action_permission", null);
        t.moved(ac + "permissions[].role", "hdb_catalog.hdb_action_permission.role_name");
        t.moved(ac + "permissions[].comment", "hdb_catalog.hdb_action_permission.comment");

        // custom types
        for (String k : List.of("input_objects", "scalars", "enums")) {
            t.moved("custom_types." + k, HCT);
        }
        t.list("custom_types.objects", Fate.MOVED, "name", HCT, null);
        for (String k : List.of("name", "description", "fields")) {
            t.moved("custom_types.objects[]." + k, HCT);
        }
        t.list("custom_types.objects[].relationships", Fate.MOVED, "name", HCT, null);
        for (String k : List.of("name", "type", "remote_table", "field_mapping")) {
            t.moved("custom_types.objects[].relationships[]." + k, HCT);
        }
        t.converted("custom_types.objects[].relationships[].source", Form.ANY, HCT,
                "v1 relates to its one database (the key stays; v1.3 ignores it)");

        // a cron trigger
        for (String k : List.of("name", "webhook", "schedule", "payload", "retry_conf", "headers", "include_in_metadata", "comment")) {
            t.moved("cron_triggers[]." + k, HCR);
        }
        t.lost("cron_triggers[].request_transform", null, "v1 cron triggers cannot transform requests");
        t.lost("cron_triggers[].response_transform", null, NO_PLACE);

        // a remote schema
        t.moved("remote_schemas[].name", "hdb_catalog.remote_schemas.name");
        t.moved("remote_schemas[].comment", "hdb_catalog.remote_schemas.comment");
        t.moved("remote_schemas[].definition", RS);
        for (String k : List.of("url", "url_from_env", "headers", "forward_client_headers", "timeout_seconds")) {
            t.moved("remote_schemas[].definition." + k, RS);
        }
        t.lost("remote_schemas[].definition.customization", RS, "v1.3 ignores it: the GraphQL names change");
        t.list("remote_schemas[].permissions", Fate.LOST, "role", null, "in v1 every role sees the whole remote schema");
        t.list("remote_schemas[].remote_relationships", Fate.LOST, "type_name", null, NO_PLACE);

        // query collections and the allow-list
        t.moved("query_collections[].name", "hdb_catalog.hdb_query_collection.collection_name");
        t.moved("query_collections[].comment", "hdb_catalog.hdb_query_collection.comment");
        t.moved("query_collections[].definition", "hdb_catalog.hdb_query_collection.collection_defn");
        t.moved("query_collections[].definition.queries", "hdb_catalog.hdb_query_collection.collection_defn");
        t.moved("allowlist[].collection", "hdb_catalog.hdb_allowlist.collection_name");
        t.converted("allowlist[].scope", Form.GLOBAL_SCOPE, "hdb_catalog.hdb_allowlist", "v1's allow-list is global");
        t.lost("allowlist[].scope", null, "role-based: the run refuses it");
        return List.copyOf(t.keys);
    }

    /** Collects the rules in order. */
    private static final class Table {
        final List<Key> keys = new ArrayList<>();

        void add(String path, Fate fate, Form form, String elementName, String where, String note) {
            keys.add(new Key(path, fate, form, elementName, where, note));
        }

        void moved(String path, String where) {
            add(path, Fate.MOVED, Form.ANY, null, where, null);
        }

        void converted(String path, Form form, String where, String note) {
            add(path, Fate.CONVERTED, form, null, where, note);
        }

        void lost(String path, String keptIn, String note) {
            add(path, Fate.LOST, Form.ANY, null, keptIn, note);
        }

        void list(String path, Fate fate, String elementName, String where, String note) {
            add(path, fate, Form.ANY, elementName, where, note);
        }
    }
}
