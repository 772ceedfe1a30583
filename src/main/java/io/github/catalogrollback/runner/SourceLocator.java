package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the database of every source the metadata lists, the way graphql-engine does: {@code database_url} as a
 * string, as {@code {"from_env": VAR}} (the same environment variable), or as {@code connection_parameters}; or as
 * {@code --source NAME=URL} says instead. Never keeps a URL in words: {@link Located#origin()} says where the URL came
 * from, {@link DatabaseAddress#describe()} names the database.
 */
final class SourceLocator {

    static final String DATABASE_URL_ENV = "HASURA_GRAPHQL_DATABASE_URL";
    static final String METADATA_URL_ENV = "HASURA_GRAPHQL_METADATA_DATABASE_URL";

    /**
     * One source of the metadata. {@code address} is empty when it could not be resolved ({@code problem} says why)
     * or when it is the metadata database by Hasura's own rule ({@code metadataDatabase}); {@code eventTriggers} is
     * the number of event triggers the metadata gives it.
     */
    record Located(String name, String kind, String origin, Optional<DatabaseAddress> address, boolean metadataDatabase,
                   String problem, long eventTriggers, boolean skipped) {

        /** Postgres sources have a source catalog (kind postgres, its alias pg, or no kind at all). */
        boolean postgres() {
            return Set.of("postgres", "pg").contains(kind.toLowerCase(Locale.ROOT));
        }
    }

    private SourceLocator() {
    }

    /**
     * The sources of the metadata document in {@code metadata} (a catalog at 43 or above), in document order.
     *
     * @param metadataHasSourceCatalog whether the metadata database holds a source catalog itself (the rule that
     *                                 takes an unset HASURA_GRAPHQL_DATABASE_URL for the metadata database needs it)
     * @throws RunFailure USAGE when --source or --skip-source names a source the metadata does not have
     */
    static List<Located> locate(Connection metadata, SourceSelection selection, boolean metadataHasSourceCatalog) throws SQLException {
        List<Located> out = new ArrayList<>();
        if (!CatalogReader.tableExists(metadata, "hdb_catalog", "hdb_metadata")) {
            requireKnown(selection, List.of());
            return out;
        }
        // The document is json: each operator re-parses its text, and a cast to jsonb builds the whole tree (seconds
        // for a 50 MB document), so only the small connection part becomes jsonb and every element is read once.
        try (PreparedStatement ps = metadata.prepareStatement("""
                SELECT r.name #>> '{}', coalesce(r.kind #>> '{}', 'postgres'), jsonb_typeof(u), u #>> '{}', u ->> 'from_env',
                       u -> 'connection_parameters' IS NOT NULL,
                       u #>> '{connection_parameters,host}', u #>> '{connection_parameters,port}',
                       u #>> '{connection_parameters,username}', u #>> '{connection_parameters,database}',
                       jsonb_typeof(u #> '{connection_parameters,password}'), u #>> '{connection_parameters,password}',
                       u #>> '{connection_parameters,password,from_env}',
                       (SELECT count(*) FROM json_array_elements(CASE json_typeof(r.tables) WHEN 'array' THEN r.tables ELSE '[]' END) AS t,
                                             LATERAL (SELECT t -> 'event_triggers' AS triggers OFFSET 0) AS te,
                                             json_array_elements(CASE json_typeof(te.triggers) WHEN 'array' THEN te.triggers
                                                                 ELSE '[]' END) AS e)
                  FROM hdb_catalog.hdb_metadata AS m,
                       LATERAL (SELECT m.metadata::json -> 'sources' AS sources OFFSET 0) AS d,
                       json_array_elements(CASE json_typeof(d.sources) WHEN 'array' THEN d.sources ELSE '[]' END) WITH ORDINALITY AS x(s, n),
                       json_to_record(CASE json_typeof(s) WHEN 'object' THEN s ELSE '{}' END)
                           AS r(name json, kind json, configuration jsonb, tables json),
                       LATERAL (SELECT r.configuration #> '{connection_info,database_url}' AS u) AS url
                 WHERE m.id = 1
                 ORDER BY n""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(locate(rs, selection, metadataHasSourceCatalog));
            }
        }
        requireKnown(selection, out.stream().map(Located::name).toList());
        return out;
    }

    private static Located locate(ResultSet rs, SourceSelection selection, boolean metadataHasSourceCatalog) throws SQLException {
        String name = rs.getString(1) == null ? "?" : rs.getString(1);
        String kind = rs.getString(2);
        long triggers = rs.getLong(14);
        boolean skipped = selection.skip().contains(name);
        DatabaseAddress given = selection.urls().get(name);
        if (given != null) {
            return new Located(name, kind, "--source", Optional.of(given), false, "", triggers, skipped);
        }
        String type = rs.getString(3);
        Map<String, String> env = selection.env();
        String pgPassword = env.get("PGPASSWORD");
        if ("string".equals(type)) {
            return parsed(name, kind, "metadata database_url", rs.getString(4), pgPassword, triggers, skipped);
        }
        String fromEnv = rs.getString(5);
        if (fromEnv != null) {
            String origin = "from_env " + fromEnv;
            String url = env.get(fromEnv);
            if (url != null && !url.isBlank()) {
                return parsed(name, kind, origin, url, pgPassword, triggers, skipped);
            }
            boolean hasurasRule = fromEnv.equals(DATABASE_URL_ENV) && blank(env.get(METADATA_URL_ENV));
            if (hasurasRule && (metadataHasSourceCatalog || triggers == 0)) {
                return new Located(name, kind, origin + ", unset here: the metadata database, as for Hasura without " + METADATA_URL_ENV,
                        Optional.empty(), true, "", triggers, skipped);
            }
            return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceEnvUnset(fromEnv, hasurasRule), triggers, skipped);
        }
        if (rs.getBoolean(6)) {
            return fromParameters(rs, name, kind, env, triggers, skipped);
        }
        return new Located(name, kind, "metadata (" + (type == null ? "no database_url" : "database_url as " + type) + ")",
                Optional.empty(), false, SourceMessages.sourceUrlForm(), triggers, skipped);
    }

    private static Located fromParameters(ResultSet rs, String name, String kind, Map<String, String> env, long triggers, boolean skipped)
            throws SQLException {
        String origin = "metadata connection_parameters";
        String password = rs.getString(12);
        if ("object".equals(rs.getString(11))) {
            String var = rs.getString(13);
            password = var == null ? null : env.get(var);
            if (password == null) {
                return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceEnvUnset(String.valueOf(var), false), triggers,
                        skipped);
            }
            origin += " (password from_env " + var + ")";
        }
        String host = rs.getString(7);
        String database = rs.getString(10);
        int port;
        try {
            port = rs.getString(8) == null ? 5432 : Integer.parseInt(rs.getString(8).strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (blank(host) || blank(database) || port < 1 || port > 65535) {
            return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceParametersIncomplete(), triggers, skipped);
        }
        String user = blank(rs.getString(9)) ? System.getProperty("user.name") : rs.getString(9);
        return new Located(name, kind, origin, Optional.of(new DatabaseAddress(host, port, database, user, password, new HashMap<>())),
                false, "", triggers, skipped);
    }

    private static Located parsed(String name, String kind, String origin, String url, String pgPassword, long triggers, boolean skipped) {
        try {
            return new Located(name, kind, origin, Optional.of(DatabaseAddress.parse(url, pgPassword)), false, "", triggers, skipped);
        } catch (RunFailure e) {
            return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceUrlMalformed(), triggers, skipped);
        }
    }

    private static void requireKnown(SourceSelection selection, List<String> names) {
        List<String> unknown = new ArrayList<>(selection.urls().keySet());
        unknown.addAll(selection.skip());
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.USAGE, SourceMessages.unknownSourceNamed(unknown.stream().sorted().toList(), names));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
