package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.DatabaseAddress;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** How every command finds the metadata database. */
public final class ConnectionOptions {

    static final String METADATA_URL_ENV = "HASURA_GRAPHQL_METADATA_DATABASE_URL";
    static final String DATABASE_URL_ENV = "HASURA_GRAPHQL_DATABASE_URL";

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The Hasura metadata database: postgres://user:password@host:5432/db or jdbc:postgresql://host:5432/db"
                    + " (sslmode, sslrootcert and other parameters pass through). Default: $" + METADATA_URL_ENV
                    + ", else $" + DATABASE_URL_ENV + ". A password missing from the URL is taken from $PGPASSWORD."
                    + " The password is never printed.")
    String databaseUrl;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = CatalogRunner.DEFAULT_LOCK_TIMEOUT_SECONDS,
            description = "How long a step may wait for a lock on a catalog table (held by a running Hasura, say) before the"
                    + " run gives up and rolls back (default: ${DEFAULT-VALUE}).")
    long lockTimeoutSeconds;

    DatabaseAddress address(Map<String, String> env) {
        String url = databaseUrl;
        if (url == null || url.isBlank()) {
            url = env.get(METADATA_URL_ENV);
        }
        if (url == null || url.isBlank()) {
            url = env.get(DATABASE_URL_ENV);
        }
        return DatabaseAddress.parse(url, env.get("PGPASSWORD"));
    }

    Duration lockTimeout() {
        return Duration.ofSeconds(Math.max(1, lockTimeoutSeconds));
    }
}
