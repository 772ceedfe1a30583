package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.metadata.MetadataKeys.Fate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account of metadata documents against the key table: pure logic, no database. */
class MetadataAccountTest {

    private static final String SOURCE_START = "{\"name\": \"default\", \"kind\": \"postgres\", "
            + "\"configuration\": {\"connection_info\": {\"database_url\": {\"from_env\": \"HASURA_GRAPHQL_DATABASE_URL\"}}}, \"tables\": [";

    private static String withTables(String tables) {
        return "{\"version\": 3, \"sources\": [" + SOURCE_START + tables + "]}]}";
    }

    private static List<String> lost(String document) {
        MetadataAccount.Result r = MetadataAccount.of(document);
        assertEquals(List.of(), r.blockers(), "no blockers in " + document);
        return r.lost().stream().map(MetadataAccount.Item::path).toList();
    }

    private static List<String> converted(String document) {
        return MetadataAccount.of(document).converted().stream().map(MetadataAccount.Item::path).toList();
    }

    @Test
    void anEventTriggersCleanupConfigIsLostWithItsPath() {
        String doc = withTables("""
                {"table": {"schema": "public", "name": "users"},
                 "event_triggers": [{"name": "notify", "definition": {"enable_manual": false, "insert": {"columns": "*"}},
                                     "retry_conf": {"num_retries": 0, "interval_sec": 10, "timeout_sec": 60},
                                     "webhook": "https://x", "cleanup_config": {"schedule": "0 0 * * *", "clear_older_than": 168}}]}""");
        assertEquals(List.of("sources.default.tables.public.users.event_triggers.notify.cleanup_config"), lost(doc));
        MetadataAccount.Item item = MetadataAccount.of(doc).lost().get(0);
        assertEquals(Fate.LOST, item.key().fate());
        assertTrue(item.key().kept(), "the clean-up configuration stays in event_triggers.configuration");
    }

    @Test
    void everyUnknownKeyIsLostAtEveryLevel() {
        String doc = """
                {"version": 3, "future_top": 1,
                 "sources": [{"name": "default", "kind": "postgres", "future_source": {}, "tables": [
                   {"table": {"schema": "public", "name": "t"}, "future_table": true,
                    "select_permissions": [{"role": "user", "permission": {"columns": [], "filter": {}, "future_perm": 1}}]}]}],
                 "actions": [{"name": "a", "definition": {"handler": "h", "future_def": "x"}}]}""";
        assertEquals(List.of("future_top", "sources.default.future_source", "sources.default.tables.public.t.future_table",
                "sources.default.tables.public.t.select_permissions.user.permission.future_perm", "actions.a.definition.future_def"),
                lost(doc));
    }

    @Test
    void valuesThatMeanNotSetLoseNothing() {
        String doc = """
                {"version": 3, "sources": [], "inherited_roles": [], "api_limits": {"disabled": false}, "rest_endpoints": null,
                 "actions": [{"name": "a", "definition": {"handler": "h", "ignored_client_headers": []}}]}""";
        assertEquals(List.of(), lost(doc));
    }

    @Test
    void anEmptyListOfQueryRootFieldsIsLostBecauseItAllowsNone() {
        String doc = withTables("""
                {"table": {"schema": "public", "name": "t"},
                 "select_permissions": [{"role": "a", "permission": {"columns": [], "filter": {}, "query_root_fields": []}},
                                        {"role": "b", "permission": {"columns": [], "filter": {}, "query_root_fields": null,
                                                                     "subscription_root_fields": ["select"]}}]}""");
        assertEquals(List.of("sources.default.tables.public.t.select_permissions.a.permission.query_root_fields",
                "sources.default.tables.public.t.select_permissions.b.permission.subscription_root_fields"), lost(doc));
    }

    @Test
    void lostListsAreReportedElementByElement() {
        String doc = """
                {"version": 3, "inherited_roles": [{"role_name": "staff", "role_set": ["a", "b"]}, {"role_name": "lead", "role_set": []}],
                 "rest_endpoints": [{"name": "e1"}, {"url": "nameless"}],
                 "api_limits": {"disabled": false, "depth_limit": {"global": 10}},
                 "sources": [{"name": "default", "kind": "pg", "tables": [], "functions": [
                   {"function": {"schema": "public", "name": "search"}, "permissions": [{"role": "user"}], "comment": "c",
                    "configuration": {"exposed_as": "mutation", "session_argument": "s"}},
                   {"function": {"schema": "public", "name": "find"}, "configuration": {"exposed_as": "query"}}]}]}""";
        assertEquals(List.of("inherited_roles.staff", "inherited_roles.lead", "rest_endpoints.e1", "rest_endpoints[1]",
                "api_limits.depth_limit", "sources.default.functions.public.search.permissions.user",
                "sources.default.functions.public.search.comment", "sources.default.functions.public.search.configuration.exposed_as"),
                lost(doc));
    }

    @Test
    void customRootFieldsWithACommentAndColumnConfigAreConvertedTheirCommentsLost() {
        String doc = withTables("""
                {"table": {"schema": "public", "name": "t"},
                 "configuration": {"custom_root_fields": {"select": "things", "insert": {"name": "addThing", "comment": "adds"},
                                                          "delete": {"name": "dropThing"}, "select_stream": "thingStream"},
                                   "column_config": {"id": {"custom_name": "ident", "comment": "the key"}, "name": {"custom_name": "label"}},
                                   "custom_column_names": {"id": "ident", "name": "label"}}}""");
        String t = "sources.default.tables.public.t.configuration.";
        assertEquals(List.of(t + "custom_root_fields.insert.comment", t + "custom_root_fields.select_stream", t + "column_config.id.comment"),
                lost(doc));
        List<String> converted = converted(doc);
        assertTrue(converted.containsAll(List.of(t + "custom_root_fields.insert.name", t + "custom_root_fields.delete.name",
                t + "column_config.id.custom_name", t + "column_config.name.custom_name")), converted.toString());
    }

    @Test
    void relationshipFormsV1CannotReadAreLost() {
        String doc = withTables("""
                {"table": {"schema": "public", "name": "a"},
                 "object_relationships": [
                   {"name": "ok", "using": {"foreign_key_constraint_on": "b_id"}},
                   {"name": "reverse", "using": {"foreign_key_constraint_on": {"table": {"schema": "public", "name": "b"}, "column": "a_id"}}},
                   {"name": "manual", "using": {"manual_configuration": {"remote_table": "b", "column_mapping": {"id": "a_id"},
                                                                          "insertion_order": null}}}],
                 "array_relationships": [
                   {"name": "bs", "using": {"foreign_key_constraint_on": {"table": "b", "column": "a_id"}}},
                   {"name": "cs", "using": {"foreign_key_constraint_on": {"table": "c", "columns": ["x", "y"]}}}],
                 "remote_relationships": [
                   {"name": "r1", "definition": {"to_remote_schema": {"remote_schema": "s", "lhs_fields": ["id"], "remote_field": {}}}},
                   {"name": "r2", "definition": {"to_source": {"source": "other", "table": "x"}}}]}""");
        String t = "sources.default.tables.public.a.";
        assertEquals(List.of(t + "object_relationships.reverse.using.foreign_key_constraint_on",
                t + "array_relationships.cs.using.foreign_key_constraint_on.columns", t + "remote_relationships.r2.definition.to_source"),
                lost(doc));
        assertTrue(converted(doc).contains(t + "remote_relationships.r1.definition.to_remote_schema.lhs_fields"));
    }

    @Test
    void documentsThatAreNotV2MetadataAreRefusedNamingWhatIsWrong() {
        assertEquals(List.of("the metadata document is null, not a JSON object"), MetadataAccount.of("null").blockers());
        assertEquals(List.of("the metadata document is a string, not a JSON object"), MetadataAccount.of("\"hello\"").blockers());
        assertEquals(List.of("the metadata document is a list, not a JSON object"), MetadataAccount.of("[]").blockers());
        assertEquals(List.of("the metadata document has no \"version\" (a v2 document says \"version\": 3)"),
                MetadataAccount.of("{\"sources\": []}").blockers());
        assertEquals(List.of("the metadata document says \"version\": 2, not 3"), MetadataAccount.of("{\"version\": 2, \"tables\": []}").blockers());
        assertEquals(List.of("the metadata document's \"sources\" is an object, not a list"),
                MetadataAccount.of("{\"version\": 3, \"sources\": {}}").blockers());
        assertEquals(List.of(), MetadataAccount.of("{\"version\": 3}").blockers(), "no sources at all is an empty metadata");
    }

    @Test
    void twoSourcesAForeignKindAndARoleBasedAllowListAreBlockers() {
        MetadataAccount.Result r = MetadataAccount.of("""
                {"version": 3, "sources": [{"name": "default", "tables": []}, {"name": "warehouse", "kind": "mssql", "tables": []}],
                 "allowlist": [{"collection": "ok", "scope": {"global": true}}, {"collection": "team", "scope": {"global": false, "roles": ["x"]}}]}""");
        assertEquals(List.of("the metadata has 2 sources (default, warehouse); a v1 catalog holds exactly one Postgres database",
                "source warehouse (kind mssql) is not a Postgres source; v1 only serves Postgres",
                "the allow-list entries for team are role-based; the v1 allow-list is global only"), r.blockers());
    }

    @Test
    void escapedAndNonAsciiNamesArePathsAsTheyAre() {
        String doc = withTables("""
                {"table": {"schema": "public", "name": "caf\\u00e9 \\"q\\""}, "apollo_federation_config": {"enable": "v1"}},
                {"table": {"schema": "public", "name": "süß"}, "logical_model": "m"}""");
        assertEquals(List.of("sources.default.tables.public.café \"q\".apollo_federation_config", "sources.default.tables.public.süß.logical_model"),
                lost(doc));
    }
}
