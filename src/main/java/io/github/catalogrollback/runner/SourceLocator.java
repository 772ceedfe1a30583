package io.github.catalogrollback.runner;

import io.github.catalogrollback.metadata.MetadataDocument;
import java.sql.Connection;
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
     * @param document                 that catalog's metadata document, read in this transaction (read once for the
     *                                 sources and step 43 → 42's check)
     * @param metadataHasSourceCatalog whether the metadata database holds a source catalog itself (the rule that
     *                                 takes an unset HASURA_GRAPHQL_DATABASE_URL for the metadata database needs it)
     * @throws RunFailure USAGE when --source or --skip-source names a source the metadata does not have
     */
    static List<Located> locate(Connection metadata, MetadataDocument document, SourceSelection selection, boolean metadataHasSourceCatalog)
            throws SQLException {
        List<Located> out = new ArrayList<>();
        if (CatalogReader.tableExists(metadata, "hdb_catalog", "hdb_metadata")) {
            for (MetadataDocument.Source source : document.sources()) {
                out.add(locate(source, selection, metadataHasSourceCatalog));
            }
        }
        requireKnown(selection, out.stream().map(Located::name).toList());
        return out;
    }

    private static Located locate(MetadataDocument.Source s, SourceSelection selection, boolean metadataHasSourceCatalog) {
        String name = s.name() == null ? "?" : s.name();
        String kind = s.kind() == null ? "postgres" : s.kind();
        long triggers = s.eventTriggers();
        boolean skipped = selection.skip().contains(name);
        DatabaseAddress given = selection.urls().get(name);
        if (given != null) {
            return new Located(name, kind, "--source", Optional.of(given), false, "", triggers, skipped);
        }
        String type = s.urlType();
        Map<String, String> env = selection.env();
        String pgPassword = env.get("PGPASSWORD");
        if ("string".equals(type)) {
            return parsed(name, kind, "metadata database_url", s.url(), pgPassword, triggers, skipped);
        }
        String fromEnv = s.fromEnv();
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
        if (s.hasParameters()) {
            return fromParameters(s, name, kind, env, triggers, skipped);
        }
        return new Located(name, kind, "metadata (" + (type == null ? "no database_url" : "database_url as " + type) + ")",
                Optional.empty(), false, SourceMessages.sourceUrlForm(), triggers, skipped);
    }

    private static Located fromParameters(MetadataDocument.Source s, String name, String kind, Map<String, String> env, long triggers,
                                          boolean skipped) {
        String origin = "metadata connection_parameters";
        String password = s.password();
        if ("object".equals(s.passwordType())) {
            String var = s.passwordFromEnv();
            password = var == null ? null : env.get(var);
            if (password == null) {
                return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceEnvUnset(String.valueOf(var), false), triggers,
                        skipped);
            }
            origin += " (password from_env " + var + ")";
        }
        String host = s.host();
        String database = s.database();
        int port;
        try {
            port = s.port() == null ? 5432 : Integer.parseInt(s.port().strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (blank(host) || blank(database) || port < 1 || port > 65535) {
            return new Located(name, kind, origin, Optional.empty(), false, SourceMessages.sourceParametersIncomplete(), triggers, skipped);
        }
        String user = blank(s.username()) ? System.getProperty("user.name") : s.username();
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
