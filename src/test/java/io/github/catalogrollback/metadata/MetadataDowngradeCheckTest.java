package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-check of step 43 → 42 against metadata documents written by hand into a real hdb_metadata. */
class MetadataDowngradeCheckTest {

    private static final String DEFAULT_SOURCE = """
            {"name": "default", "kind": "postgres",
             "tables": [{"table": {"schema": "public", "name": "authors"},
                         "select_permissions": [{"role": "user", "permission": {"columns": ["id"], "filter": {}}}]}],
             "configuration": {"connection_info": {"database_url": {"from_env": "HASURA_GRAPHQL_DATABASE_URL"}}}}""";

    private TestDatabase db;

    @BeforeEach
    void catalogAt43() {
        db = TestDatabase.fresh();
        db.execute("CREATE SCHEMA hdb_catalog",
                "CREATE TABLE hdb_catalog.hdb_metadata (id integer PRIMARY KEY, metadata json NOT NULL)",
                "CREATE TABLE hdb_catalog.hdb_cron_events (id text PRIMARY KEY, trigger_name text NOT NULL)");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private MetadataDowngradeCheck.Result check(String metadata) throws SQLException {
        db.execute("INSERT INTO hdb_catalog.hdb_metadata VALUES (1, '" + metadata.replace("'", "''") + "')");
        try (Connection c = db.connect()) {
            return MetadataDowngradeCheck.check(c);
        }
    }

    @Test
    void metadataThatV1CanHoldPasses() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [%s],
                 "allowlist": [{"collection": "a"}, {"collection": "b", "scope": {"global": true}}],
                 "cron_triggers": [{"name": "nightly", "webhook": "https://x", "schedule": "0 3 * * *", "include_in_metadata": true}]}
                """.formatted(DEFAULT_SOURCE));
        assertEquals(new MetadataDowngradeCheck.Result(List.of(), List.of(), 0, 0), r);
        assertFalse(r.blocked());
        assertFalse(r.losesData());
        assertEquals("", r.cannotKeepSummary());
    }

    @Test
    void emptyMetadataPasses() throws SQLException {
        assertEquals(new MetadataDowngradeCheck.Result(List.of(), List.of(), 0, 0), check("{\"version\": 3, \"sources\": []}"));
    }

    @Test
    void twoSourcesANonPostgresSourceAndARoleBasedAllowListAreBlockersWithTheirNames() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3,
                 "sources": [%s, {"name": "warehouse", "kind": "mssql", "tables": [], "configuration": {}}],
                 "allowlist": [{"collection": "global_ok"},
                               {"collection": "team_queries", "scope": {"global": false, "roles": ["editor"]}}]}
                """.formatted(DEFAULT_SOURCE));
        assertTrue(r.blocked());
        assertEquals(List.of(
                "the metadata has 2 sources (default, warehouse); a v1 catalog holds exactly one Postgres database",
                "source warehouse (kind mssql) is not a Postgres source; v1 only serves Postgres",
                "the allow-list entries for team_queries are role-based; the v1 allow-list is global only"), r.blockers());
    }

    @Test
    void aSingleCitusSourceIsABlocker() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [{"name": "default", "kind": "citus", "tables": [], "configuration": {}}]}""");
        assertEquals(List.of("source default (kind citus) is not a Postgres source; v1 only serves Postgres"), r.blockers());
    }

    @Test
    void v2OnlyContentIsCountedKindByKind() throws SQLException {
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3,
                 "sources": [{"name": "default", "kind": "postgres",
                              "tables": [{"table": {"schema": "public", "name": "authors"},
                                          "remote_relationships": [
                                            {"name": "orders", "definition": {"to_source": {"source": "default", "relationship_type": "array",
                                              "table": "orders", "field_mapping": {"id": "author_id"}}}},
                                            {"name": "country", "definition": {"to_remote_schema": {"remote_schema": "c",
                                              "lhs_fields": ["code"], "remote_field": {"country": {"arguments": {}}}}}}],
                                          "apollo_federation_config": {"enable": "v1"}}],
                              "functions": [{"function": "search", "permissions": [{"role": "user"}, {"role": "editor"}]}],
                              "configuration": {"connection_info": {"database_url": "postgres://x"}},
                              "customization": {"root_fields": {"namespace": "db"}},
                              "query_tags": {"format": "standard"},
                              "native_queries": [{"root_field_name": "q1"}],
                              "logical_models": [{"name": "m1"}, {"name": "m2"}]}],
                 "remote_schemas": [{"name": "c", "definition": {"url": "https://c", "customization": {"root_fields_namespace": "c"}},
                                     "permissions": [{"role": "user", "definition": {"schema": "type Query { a: Int }"}}],
                                     "remote_relationships": [{"relationships": [], "type_name": "Country"}]}],
                 "inherited_roles": [{"role_name": "staff", "role_set": ["user", "editor"]},
                                     {"role_name": "lead", "role_set": ["staff"]}],
                 "rest_endpoints": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
                 "api_limits": {"disabled": false, "depth_limit": {"global": 10}, "rate_limit": {"global": {"max_reqs_per_min": 100}}},
                 "metrics_config": {"analyze_query_variables": true},
                 "opentelemetry": {"status": "enabled", "exporter_otlp": {}},
                 "network": {"tls_allowlist": []},
                 "backend_configs": {"dataconnector": {}},
                 "graphql_schema_introspection": {"disabled_for_roles": ["anonymous"]},
                 "some_future_key": {}}
                """);
        assertEquals(List.of(), r.blockers());
        assertEquals("2 inherited roles, 3 REST endpoints, 2 API limits, 1 metrics config setting, 2 OpenTelemetry settings,"
                + " 1 network setting, 1 backend config, 1 role with introspection disabled, 1 remote schema permission,"
                + " 1 remote schema relationship, 1 remote schema customization, 1 other top-level metadata key,"
                + " 1 source customization, 1 query tags setting, 2 logical models, 1 native query, 2 function permissions,"
                + " 1 remote relationship to a database, 1 Apollo Federation setting", r.cannotKeepSummary());
        assertEquals(new MetadataDowngradeCheck.Loss("inherited roles", 2), r.cannotKeep().get(0));
        assertTrue(r.losesData());
    }

    @Test
    void cronEventsOfTriggersMissingFromTheMetadataAreCounted() throws SQLException {
        db.execute("INSERT INTO hdb_catalog.hdb_cron_events VALUES ('1', 'nightly'), ('2', 'nightly'), ('3', 'gone'), ('4', 'gone'),"
                + " ('5', 'also_gone')");
        MetadataDowngradeCheck.Result r = check("""
                {"version": 3, "sources": [],
                 "cron_triggers": [{"name": "nightly", "webhook": "https://x", "schedule": "0 3 * * *", "include_in_metadata": true}]}""");
        assertEquals(3, r.orphanCronEvents());
        assertEquals(0, r.orphanInvocationLogs());
        assertTrue(r.losesData());
        assertFalse(r.blocked());
    }

    @Test
    void invocationLogsWithoutTheirEventAreCountedWhenTheSourceObjectsExist() throws SQLException {
        db.execute("CREATE TABLE hdb_catalog.event_log (id text PRIMARY KEY)",
                "CREATE TABLE hdb_catalog.event_invocation_logs (id text PRIMARY KEY, event_id text)",
                "INSERT INTO hdb_catalog.event_log VALUES ('e1')",
                "INSERT INTO hdb_catalog.event_invocation_logs VALUES ('l1', 'e1'), ('l2', 'cleaned-up'), ('l3', NULL)");
        assertEquals(1, check("{\"version\": 3, \"sources\": []}").orphanInvocationLogs());
    }

    @Test
    void aMissingMetadataRowIsABlocker() throws SQLException {
        try (Connection c = db.connect()) {
            assertEquals(List.of("hdb_catalog.hdb_metadata has no metadata row (id 1)"), MetadataDowngradeCheck.check(c).blockers());
        }
        db.execute("DROP TABLE hdb_catalog.hdb_metadata");
        try (Connection c = db.connect()) {
            assertEquals(List.of("there is no table hdb_catalog.hdb_metadata"), MetadataDowngradeCheck.check(c).blockers());
        }
    }
}
