package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources of a metadata document as the tool reads them from the text ({@link MetadataDocument#sources()}) are
 * those PostgreSQL's own json operators find on the same paths, for ordinary and odd documents alike: each document
 * is written into a real hdb_metadata and read both ways.
 */
class MetadataDocumentTest {

    /** PostgreSQL's reading of the same paths (the query the source lookup ran before it read the text itself). */
    private static final String POSTGRES = """
            SELECT r.name #>> '{}', r.kind #>> '{}', jsonb_typeof(u), CASE jsonb_typeof(u) WHEN 'string' THEN u #>> '{}' END,
                   u ->> 'from_env', u -> 'connection_parameters' IS NOT NULL,
                   u #>> '{connection_parameters,host}', u #>> '{connection_parameters,port}',
                   u #>> '{connection_parameters,username}', u #>> '{connection_parameters,database}',
                   jsonb_typeof(u #> '{connection_parameters,password}'), u #>> '{connection_parameters,password}',
                   u #>> '{connection_parameters,password,from_env}',
                   (SELECT count(*) FROM json_array_elements(CASE json_typeof(r.tables) WHEN 'array' THEN r.tables ELSE '[]' END) AS t,
                                         json_array_elements(CASE json_typeof(t -> 'event_triggers') WHEN 'array' THEN t -> 'event_triggers'
                                                             ELSE '[]' END) AS e)
              FROM hdb_catalog.hdb_metadata AS m,
                   json_array_elements(CASE json_typeof(m.metadata -> 'sources') WHEN 'array' THEN m.metadata -> 'sources' ELSE '[]' END)
                       WITH ORDINALITY AS x(s, n),
                   json_to_record(CASE json_typeof(s) WHEN 'object' THEN s ELSE '{}' END)
                       AS r(name json, kind json, configuration jsonb, tables json),
                   LATERAL (SELECT r.configuration #> '{connection_info,database_url}' AS u) AS url
             WHERE m.id = 1
             ORDER BY n""";

    private static TestDatabase db;

    @BeforeAll
    static void catalog() {
        db = TestDatabase.fresh();
        db.execute("CREATE SCHEMA hdb_catalog", "CREATE TABLE hdb_catalog.hdb_metadata (id integer PRIMARY KEY, metadata json NOT NULL)");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static void sameAsPostgres(String document) throws SQLException {
        db.execute("DELETE FROM hdb_catalog.hdb_metadata",
                "INSERT INTO hdb_catalog.hdb_metadata VALUES (1, '" + document.replace("'", "''") + "')");
        List<MetadataDocument.Source> expected = new ArrayList<>();
        List<MetadataDocument.Source> read;
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement(POSTGRES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expected.add(new MetadataDocument.Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), rs.getString(13), rs.getLong(14)));
                }
            }
            read = MetadataDocument.read(c).sources();
        }
        assertEquals(expected, read, document);
    }

    @Test
    void everyFormOfDatabaseUrl() throws SQLException {
        sameAsPostgres("""
                {"version": 3, "sources": [
                  {"name": "a", "kind": "postgres", "tables": [],
                   "configuration": {"connection_info": {"database_url": "postgres://u:secret@h:5433/db?sslmode=disable"}}},
                  {"name": "b", "configuration": {"connection_info": {"database_url": {"from_env": "B_URL"}}}},
                  {"name": "c", "kind": "pg", "configuration": {"connection_info": {"database_url": {"connection_parameters":
                     {"host": "h", "port": 5434, "username": "u", "database": "d", "password": "p w"}}}}},
                  {"name": "d", "configuration": {"connection_info": {"database_url": {"connection_parameters":
                     {"host": "h", "port": "5435", "database": "d", "password": {"from_env": "D_PASSWORD"}}}}}},
                  {"name": "e", "configuration": {"connection_info": {"database_url": {"connection_parameters":
                     {"host": {"b": 1, "aa": [1, 2.50, {"z": null, "y": "\\"q\\"\\n"}]}, "port": 1e3, "username": null,
                      "database": true, "password": 12.0}}}}},
                  {"name": "f", "configuration": {"connection_info": {"database_url": {"connection_parameters": null}}}},
                  {"name": "g", "configuration": {"connection_info": {"database_url": {"connection_parameters":
                     {"password": {"from_env": null}}}}}},
                  {"name": "h", "configuration": {"connection_info": {"database_url": {"connection_parameters": []}}}},
                  {"name": "i", "configuration": {"connection_info": {"database_url": {"from_env": 7}}}},
                  {"name": "j", "configuration": {"connection_info": {"database_url": {"from_env": null}}}}
                ]}""");
    }

    @Test
    void missingAndOddDatabaseUrls() throws SQLException {
        sameAsPostgres("""
                {"version": 3, "sources": [
                  {"name": "a", "configuration": {"connection_info": {"database_url": null}}},
                  {"name": "b", "configuration": {"connection_info": {}}},
                  {"name": "c", "configuration": {"connection_info": {"database_url": 5432}}},
                  {"name": "d", "configuration": {"connection_info": {"database_url": ["x"]}}},
                  {"name": "e", "configuration": {"connection_info": "x"}},
                  {"name": "f", "configuration": "x"},
                  {"name": "g"},
                  {"name": "h", "configuration": {"connection_info": {"database_url": "x", "database_url": {"from_env": "LAST"}}}}
                ]}""");
    }

    @Test
    void oddNamesKindsAndSources() throws SQLException {
        sameAsPostgres("""
                {"version": 3, "sources": [5, null, "x", {},
                  {"name": 1.50e3, "kind": {"a" :  [1, 2]}},
                  {"name": null, "kind": null},
                  {"name": {"x": 1,   "y": "two"}, "kind": 7},
                  {"na\\u006de": "escaped", "kind": "mssql"},
                  {"name": "first", "name": "second", "kind": "bigquery", "kind": "citus"},
                  {"name": "\\u00e9t\\u00e9 \\"q\\"", "kind": "postgres"}
                ]}""");
        sameAsPostgres("{\"version\": 3, \"sources\": {\"name\": \"x\"}}");
        sameAsPostgres("{\"version\": 3, \"sources\": [{\"name\": \"dropped\"}], \"sources\": [{\"name\": \"kept\"}]}");
        sameAsPostgres("{\"version\": 3, \"sources\": [{\"name\": \"dropped\"}], \"sources\": null}");
        sameAsPostgres("{\"version\": 3}");
        sameAsPostgres("\"hello\"");
        sameAsPostgres("null");
        sameAsPostgres("[{\"sources\": [{\"name\": \"x\"}]}]");
    }

    @Test
    void eventTriggersCountedAsPostgresCountsThem() throws SQLException {
        sameAsPostgres("""
                {"version": 3, "sources": [
                  {"name": "a", "tables": [
                     {"table": {"schema": "public", "name": "t"}, "event_triggers": [{"name": "e1"}, {"name": "e2"}]},
                     {"table": {"schema": "public", "name": "u"}, "event_triggers": [{"name": "e3"}], "event_triggers": [1, 2, 3]},
                     {"table": {"schema": "public", "name": "v"}, "event_triggers": {"name": "e4"}},
                     {"table": {"schema": "public", "name": "w"}, "event_trigger\\u0073": ["e5"]},
                     {"table": {"schema": "public", "name": "x"}, "event_triggers": null},
                     5, [{"event_triggers": [1]}], null]},
                  {"name": "b", "tables": {"event_triggers": [1]}},
                  {"name": "c", "tables": [{"event_triggers": []}], "tables": [{"event_triggers": [1, 2]}]}
                ]}""");
    }
}
