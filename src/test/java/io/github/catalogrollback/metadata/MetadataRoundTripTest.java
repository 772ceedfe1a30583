package io.github.catalogrollback.metadata;

import static io.github.catalogrollback.metadata.Documents.list;
import static io.github.catalogrollback.metadata.Documents.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.metadata.MetadataKeys.Fate;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * 47 → 42 → 47 gives the metadata document back: every converted kind (in the form v2 reads as the same, where
 * the conversion changes the form), and random combinations of the moved kinds (lists compared as multisets).
 */
class MetadataRoundTripTest extends At47 {

    /** The seed of the generated documents; {@code -Dmetadata.seed=N} replays another. */
    private static final long SEED = Long.getLong("metadata.seed", 20261202L);
    private static final int DOCUMENTS = 4;

    /** Moves the document 47 → 42 → 47 and returns what comes back; {@code at42} looks at the v1 catalog on the way. */
    private static Object roundTrip(Object document, java.util.function.Consumer<TestDatabase> at42) {
        try (TestDatabase db = TestDatabase.copyOf(at47)) {
            Documents.store(db, document);
            CliRun down = CliRun.on(db, down(document));
            assertEquals(0, down.exitCode(), down.printed());
            at42.accept(db);
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "47");
            assertEquals(0, up.exitCode(), up.printed());
            return Documents.read(db);
        }
    }

    // --- converted kinds --------------------------------------------------------------------------------------------

    private static Object convertedKinds() {
        Map<String, Object> rootFields = new LinkedHashMap<>();
        for (String field : List.of("select", "select_by_pk", "select_aggregate", "insert", "insert_one", "update", "update_by_pk",
                "delete", "delete_by_pk")) {
            rootFields.put(field, map("name", field + "_things"));
        }
        Map<String, Object> source = map("name", "default", "kind", "postgres",
                "tables", list(
                        map("table", map("schema", "public", "name", "things"),
                                "configuration", map("custom_root_fields", rootFields,
                                        "column_config", map("id", map("custom_name", "ident")),
                                        "custom_column_names", map("id", "ident")),
                                "remote_relationships", list(map("name", "country", "definition", map("to_remote_schema",
                                        map("remote_schema", "geo", "lhs_fields", list("country_code"),
                                                "remote_field", map("country", map("arguments", map("code", "$country_code")))))))),
                        map("table", map("schema", "public", "name", "labels"),
                                "configuration", map("column_config", map("name", map("custom_name", "label"))))),
                "configuration", map("connection_info", map(
                                "database_url", map("connection_parameters", map("host", "db", "port", 5432, "username", "hasura",
                                        "password", "secret", "database", "hasura")),
                                "pool_settings", map("max_connections", 20, "idle_timeout", 60, "retries", 3, "connection_lifetime", 300),
                                "use_prepared_statements", false,
                                "isolation_level", "repeatable-read"),
                        "extensions_schema", "public"));
        return map("version", 3, "sources", list(source),
                "remote_schemas", list(map("name", "geo", "definition", map("url", "https://geo.example.com/graphql", "timeout_seconds", 60))),
                "query_collections", list(map("name", "allowed", "definition", map("queries", list(map("name", "q", "query", "query { a }"))))),
                "allowlist", list(map("collection", "allowed", "scope", map("global", true))),
                "custom_types", map("objects", list(map("name", "Result", "fields", list(map("name", "id", "type", "Int!")),
                        "relationships", list(map("name", "thing", "type", "object", "source", "default",
                                "remote_table", map("schema", "public", "name", "things"), "field_mapping", map("id", "id")))))),
                "cron_triggers", list(
                        map("name", "outside", "webhook", "https://jobs.example.com/a", "schedule", "*/5 * * * *", "include_in_metadata", false,
                                "retry_conf", map("num_retries", 0, "retry_interval_seconds", 10, "timeout_seconds", 60, "tolerance_seconds", 21600),
                                "headers", list()),
                        map("name", "inside", "webhook", "https://jobs.example.com/b", "schedule", "0 3 * * *", "include_in_metadata", true,
                                "retry_conf", map("num_retries", 1, "retry_interval_seconds", 10, "timeout_seconds", 60, "tolerance_seconds", 21600),
                                "headers", list())),
                "api_limits", map("disabled", true));
    }

    /**
     * The forms v2 reads as the same, and what v1 cannot give back by design: the source's connection (v1 takes it
     * from the server's settings; issue 8 excepts it), a root field {name} and its name, a to_remote_schema
     * relationship and v1's form of it, a global allow-list scope and none, API limits that are only disabled and
     * none.
     */
    @SuppressWarnings("unchecked")
    private static Object v2Equivalent(Object document) {
        Map<String, Object> doc = (Map<String, Object>) Documents.parse(Documents.json(document));
        for (Object s : (List<Object>) doc.getOrDefault("sources", List.of())) {
            Map<String, Object> source = (Map<String, Object>) s;
            source.remove("configuration");
            for (Object t : (List<Object>) source.getOrDefault("tables", List.of())) {
                Map<String, Object> table = (Map<String, Object>) t;
                if (table.get("configuration") instanceof Map<?, ?> c && c.get("custom_root_fields") instanceof Map<?, ?> fields) {
                    ((Map<String, Object>) fields).replaceAll((k, v) -> v instanceof Map<?, ?> m && m.keySet().equals(Set.of("name")) ? m.get("name") : v);
                }
                // v2 writes custom_column_names derived from column_config, and reads column_config first
                if (table.get("configuration") instanceof Map<?, ?> c && c.get("column_config") instanceof Map<?, ?> columns
                        && c.get("custom_column_names") instanceof Map<?, ?> names) {
                    names.entrySet().removeIf(e -> columns.get(e.getKey()) instanceof Map<?, ?> column
                            && e.getValue().equals(column.get("custom_name")));
                    if (names.isEmpty()) {
                        ((Map<String, Object>) c).remove("custom_column_names");
                    }
                }
                for (Object r : (List<Object>) table.getOrDefault("remote_relationships", List.of())) {
                    Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) r).get("definition");
                    if (definition.get("to_remote_schema") instanceof Map<?, ?> to) {
                        definition.clear();
                        definition.putAll(map("remote_schema", to.get("remote_schema"), "hasura_fields", to.get("lhs_fields"),
                                "remote_field", to.get("remote_field")));
                    }
                }
            }
        }
        for (Object a : (List<Object>) doc.getOrDefault("allowlist", List.of())) {
            ((Map<String, Object>) a).remove("scope", map("global", true));
        }
        if (doc.get("api_limits") instanceof Map<?, ?> limits && limits.keySet().equals(Set.of("disabled"))) {
            doc.remove("api_limits");
        }
        return doc;
    }

    @Test
    void everyConvertedKindComesBackAsV2ReadsIt() {
        Object document = convertedKinds();
        Set<String> covered = new TreeSet<>();
        for (Object doc : List.of(document, Documents.document(list(), List.of()))) {
            MetadataAccount.Result account = MetadataAccount.of(Documents.json(doc));
            assertEquals(List.of(), account.lost(), "nothing of it is lost");
            account.converted().forEach(item -> covered.add(item.key().path()));
        }
        Set<String> rules = new TreeSet<>();
        MetadataKeysTest.convertedRules().forEach(k -> rules.add(k.path()));
        assertEquals(rules, covered, "the documents hold every converted kind of the key table");

        Object back = roundTrip(document, db -> {
            assertEquals("{\"id\": \"ident\"}", db.queryText("SELECT configuration -> 'custom_column_names' FROM hdb_catalog.hdb_table"
                    + " WHERE table_name = 'things'"), "column_config's custom names are v1's custom_column_names");
            assertEquals("{\"name\": \"label\"}", db.queryText("SELECT configuration -> 'custom_column_names' FROM hdb_catalog.hdb_table"
                    + " WHERE table_name = 'labels'"), "also where the document had no custom_column_names");
            assertEquals("insert_things", db.queryText("SELECT configuration -> 'custom_root_fields' ->> 'insert' FROM hdb_catalog.hdb_table"
                    + " WHERE table_name = 'things'"), "a root field {name} is its name for v1");
            assertEquals("{\"remote_field\": {\"country\": {\"arguments\": {\"code\": \"$country_code\"}}}, \"hasura_fields\": [\"country_code\"],"
                    + " \"remote_schema\": \"geo\"}", db.queryText("SELECT definition FROM hdb_catalog.hdb_remote_relationship"),
                    "a to_remote_schema relationship in v1's form");
            assertEquals("inside:true,outside:false", db.queryText("SELECT string_agg(name || ':' || include_in_metadata, ',' ORDER BY name)"
                    + " FROM hdb_catalog.hdb_cron_triggers"), "cron triggers keep include_in_metadata");
            assertEquals("0", db.queryText("SELECT count(*) FROM hdb_catalog.hdb_table WHERE is_system_defined"
                    + " AND configuration <> '{\"custom_root_fields\": {}, \"custom_column_names\": {}}'"),
                    "system rows carry the configuration Hasura writes");
            assertEquals("allowed", db.queryText("SELECT collection_name FROM hdb_catalog.hdb_allowlist"));
        });
        assertEquals(Documents.canonical(v2Equivalent(document)), Documents.canonical(v2Equivalent(back)));
    }

    // --- moved kinds, at random -------------------------------------------------------------------------------------

    /** A document holding random combinations of the moved kinds. */
    private static Object movedKinds(Random random) {
        List<Object> tables = new ArrayList<>();
        int tableCount = 1 + random.nextInt(4);
        for (int i = 0; i < tableCount; i++) {
            Map<String, Object> table = map("table", map("schema", random.nextBoolean() ? "public" : "app", "name", "t" + i));
            if (random.nextBoolean()) {
                table.put("is_enum", true);
            }
            if (random.nextBoolean()) {
                table.put("configuration", map("custom_root_fields", map("select", "list_t" + i, "insert_one", "add_t" + i, "delete", null),
                        "custom_column_names", map("id", "ident" + i)));
            }
            addSome(random, table, "object_relationships", n -> random.nextBoolean()
                    ? map("name", "owner" + n, "using", map("foreign_key_constraint_on", "owner_id"), "comment", "the owner")
                    : map("name", "parent" + n, "using", map("manual_configuration", map("remote_table", map("schema", "public", "name", "t0"),
                            "column_mapping", map("parent_id", "id"), "insertion_order", null))));
            addSome(random, table, "array_relationships", n -> map("name", "children" + n, "using", map("foreign_key_constraint_on",
                    map("table", map("schema", "public", "name", "t0"), "column", "parent_id"))));
            addSome(random, table, "computed_fields", n -> map("name", "full_name" + n, "definition", map("function",
                    map("schema", "public", "name", "full_name"), "table_argument", "row"), "comment", "computed"));
            addSome(random, table, "remote_relationships", n -> map("name", "remote" + n, "definition", map("remote_schema", "geo",
                    "hasura_fields", list("id"), "remote_field", map("country", map("arguments", map("id", "$id"))))));
            addSome(random, table, "insert_permissions", n -> map("role", "writer" + n, "permission", map("check", map("owner_id",
                    map("_eq", "X-Hasura-User-Id")), "set", map("owner_id", "x-hasura-user-id"), "columns", list("name"), "backend_only", true)));
            addSome(random, table, "select_permissions", n -> map("role", "reader" + n, "comment", "reads", "permission", map("columns",
                    list("id", "name"), "filter", map(), "limit", 10, "computed_fields", list(), "allow_aggregations", true,
                    "query_root_fields", null)));
            addSome(random, table, "update_permissions", n -> map("role", "writer" + n, "permission", map("columns", list("name"),
                    "filter", map("owner_id", map("_eq", "X-Hasura-User-Id")), "check", null, "set", map())));
            addSome(random, table, "delete_permissions", n -> map("role", "writer" + n, "permission", map("filter", map())));
            addSome(random, table, "event_triggers", n -> map("name", "t" + tables.size() + "_changed" + n, "definition",
                    map("enable_manual", true, "insert", map("columns", "*"), "update", map("columns", list("name"))),
                    "retry_conf", map("num_retries", 3, "interval_sec", 10, "timeout_sec", 60),
                    random.nextBoolean() ? "webhook" : "webhook_from_env", random.nextBoolean() ? "https://hooks.example.com" : "HOOK_URL",
                    "headers", list(map("name", "X-Key", "value_from_env", "KEY"))));
            tables.add(table);
        }
        List<Object> functions = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            functions.add(map("function", map("schema", "public", "name", "search" + i),
                    "configuration", map("session_argument", "hasura_session", "exposed_as", "query")));
        }
        Map<String, Object> doc = Documents.document(tables, functions);
        addSome(random, doc, "remote_schemas", n -> map("name", "geo" + n, "comment", "countries", "definition", map("url",
                "https://geo.example.com", "headers", list(map("name", "X-Key", "value", "k")), "forward_client_headers", true, "timeout_seconds", 30)));
        if (random.nextBoolean()) {
            doc.put("query_collections", list(map("name", "allowed", "comment", "safe", "definition", map("queries",
                    list(map("name", "one", "query", "query { one }"))))));
            doc.put("allowlist", list(map("collection", "allowed")));
        }
        addSome(random, doc, "actions", n -> map("name", "act" + n, "comment", "does it", "definition", map("handler", "{{ACTIONS}}/act",
                "type", "mutation", "kind", random.nextBoolean() ? "synchronous" : "asynchronous", "arguments", list(map("name", "x",
                        "type", "Int!")), "output_type", "Result", "headers", list(), "forward_client_headers", true, "timeout", 10),
                "permissions", list(map("role", "user", "comment", "may"))));
        if (random.nextBoolean()) {
            doc.put("custom_types", map("input_objects", list(map("name", "In", "fields", list(map("name", "x", "type", "Int")))),
                    "objects", list(map("name", "Result", "fields", list(map("name", "ok", "type", "Boolean")), "relationships",
                            list(map("name", "t", "type", "array", "remote_table", "t0", "field_mapping", map("id", "id"))))),
                    "scalars", list(map("name", "Date")), "enums", list(map("name", "Color", "values", list(map("value", "RED"))))));
        }
        addSome(random, doc, "cron_triggers", n -> {
            Map<String, Object> cron = map("name", "job" + n, "webhook", "https://jobs.example.com/" + n, "schedule", "0 " + n + " * * *",
                    "include_in_metadata", random.nextBoolean(),
                    "retry_conf", map("num_retries", 2, "retry_interval_seconds", 30, "timeout_seconds", 60, "tolerance_seconds", 21600),
                    "headers", list(map("name", "X-Job", "value", "x")));
            if (random.nextBoolean()) {
                cron.put("payload", map("kind", "nightly", "n", n));
                cron.put("comment", "a job");
            }
            return cron;
        });
        return doc;
    }

    /** Adds 0 to 2 elements to the list {@code key} (none: the key is left out, as v2 leaves out empty lists). */
    private static void addSome(Random random, Map<String, Object> into, String key, java.util.function.IntFunction<Object> element) {
        int n = random.nextInt(3);
        if (n > 0) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(element.apply(i));
            }
            into.put(key, items);
        }
    }

    @Test
    void randomCombinationsOfMovedKindsComeBackAsTheyWere() {
        System.out.println("MetadataRoundTripTest seed " + SEED + " (replay with -Dmetadata.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int i = 0; i < DOCUMENTS; i++) {
            Object document = movedKinds(random);
            MetadataAccount.Result account = MetadataAccount.of(Documents.json(document));
            assertEquals(List.of(), account.lost(), "only moved kinds (seed " + SEED + ", document " + i + ")");
            assertTrue(account.converted().stream().allMatch(item -> item.key().fate() == Fate.CONVERTED
                    && (item.path().equals("version") || item.path().startsWith("sources.default."))), "only the source converts");
            Object back = roundTrip(document, db -> { });
            assertEquals(Documents.canonical(document), Documents.canonical(back), "seed " + SEED + ", document " + i + ": "
                    + Documents.json(document));
        }
    }
}
