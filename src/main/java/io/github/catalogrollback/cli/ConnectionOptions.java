package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.DatabaseAddress;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How every command finds the metadata database, and how long it may wait for a lock there. */
public final class ConnectionOptions {

    static final String METADATA_URL_ENV = "HASURA_GRAPHQL_METADATA_DATABASE_URL";
    static final String DATABASE_URL_ENV = "HASURA_GRAPHQL_DATABASE_URL";
    static final long MAX_LOCK_TIMEOUT_SECONDS = 86_400;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The Hasura metadata database: postgres://user:password@host:5432/db or jdbc:postgresql://host:5432/db"
                    + " (sslmode, sslrootcert and other parameters pass through). Default: $" + METADATA_URL_ENV
                    + ", else $" + DATABASE_URL_ENV + ". Percent-encode special characters in the password (@ as %%40, / as %%2F,"
                    + " %% as %%25, …), or leave it out and set $PGPASSWORD. The password is never printed.")
    String databaseUrl;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = CatalogRunner.DEFAULT_LOCK_TIMEOUT_SECONDS,
            converter = LockTimeout.class,
            description = "How long a statement may wait for a lock another session holds (a running Hasura, a catalog-rollback"
                    + " run) before the command gives up: a run rolls back (exit 6), status, plan, verify and history stop"
                    + " with exit 5. 1 … 86400 (default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

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

    /**
     * The address a command line names (its {@code --database-url}, else the environment's), read from the raw
     * arguments before picocli parses them, so that {@link Main} can start connecting at once. Empty when it names none
     * or one that does not parse: picocli and the command then report that as usual. Only a hint: a run connects to
     * the address picocli parsed, and takes the early connection only when both are the same.
     */
    static java.util.Optional<DatabaseAddress> early(java.util.List<String> args, Map<String, String> env) {
        ConnectionOptions options = new ConnectionOptions();
        for (int i = 0; i < args.size() && !args.get(i).equals("--"); i++) {
            String a = args.get(i);
            if (a.equals("--database-url") && i + 1 < args.size()) {
                options.databaseUrl = args.get(++i);
            } else if (a.startsWith("--database-url=")) {
                options.databaseUrl = a.substring("--database-url=".length());
            }
        }
        try {
            return java.util.Optional.of(options.address(env));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    Duration lockTimeout() {
        return lockTimeout;
    }

    /** Whole seconds from 1 to 86400 (a day); anything else is a usage error. */
    static final class LockTimeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip();
            if (!v.matches("[+-]?\\d+")) {
                throw new TypeConversionException("'" + value + "' is not a whole number of seconds (1 … " + MAX_LOCK_TIMEOUT_SECONDS + ")");
            }
            java.math.BigInteger seconds = new java.math.BigInteger(v);
            if (seconds.signum() <= 0 || seconds.compareTo(java.math.BigInteger.valueOf(MAX_LOCK_TIMEOUT_SECONDS)) > 0) {
                throw new TypeConversionException(seconds + " seconds is outside 1 … " + MAX_LOCK_TIMEOUT_SECONDS);
            }
            return Duration.ofSeconds(seconds.longValueExact());
        }
    }
}
