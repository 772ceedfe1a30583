package io.github.catalogrollback.runner;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the metadata database is, parsed from Hasura's form ({@code postgres://user:pass@host:5432/db?sslmode=require})
 * or JDBC's ({@code jdbc:postgresql://host:5432/db?user=u&password=p}). The password travels in the
 * connection properties only; {@link #toString()} and {@link #describe()} never show it.
 */
public record DatabaseAddress(String host, int port, String database, String user, String password,
                              Map<String, String> parameters) {

    private static final Pattern URL = Pattern.compile(
            "(?i)(?:jdbc:postgresql|postgres|postgresql)://(?:([^:@/]*)(?::([^@/]*))?@)?(\\[[^\\]]+\\]|[^:/?]+)?(?::(\\d{1,5}))?(?:/([^?]*))?(?:\\?(.*))?");

    public DatabaseAddress {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a database URL. {@code fallbackPassword} (PGPASSWORD) is used when the URL carries none.
     *
     * @throws RunFailure of kind USAGE, with a message that does not repeat the URL, when it is not a PostgreSQL URL
     */
    public static DatabaseAddress parse(String url, String fallbackPassword) {
        if (url == null || url.isBlank()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "no database given; nothing changed. Pass --database-url, or set"
                    + " HASURA_GRAPHQL_METADATA_DATABASE_URL or HASURA_GRAPHQL_DATABASE_URL.");
        }
        Matcher m = URL.matcher(url.strip());
        if (!m.matches() || m.group(3) == null) {
            throw new RunFailure(RunFailure.Kind.USAGE, "the database URL is not a PostgreSQL URL (expected postgres://user:password@host:5432/database"
                    + " or jdbc:postgresql://host:5432/database); nothing changed.");
        }
        String user = decode(m.group(1));
        String password = decode(m.group(2));
        String host = m.group(3);
        int port = m.group(4) == null ? 5432 : Integer.parseInt(m.group(4));
        if (port < 1 || port > 65535) {
            throw new RunFailure(RunFailure.Kind.USAGE, "the database URL names port " + port + ", which does not exist; nothing changed.");
        }
        String database = m.group(5) == null || m.group(5).isEmpty() ? "postgres" : decode(m.group(5));
        Map<String, String> parameters = new LinkedHashMap<>();
        if (m.group(6) != null && !m.group(6).isEmpty()) {
            for (String pair : m.group(6).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> parameters.put(key, value);
                }
            }
        }
        if ((user == null || user.isEmpty())) {
            user = System.getProperty("user.name");
        }
        if ((password == null || password.isEmpty()) && fallbackPassword != null && !fallbackPassword.isEmpty()) {
            password = fallbackPassword;
        }
        return new DatabaseAddress(host, port, database, user, password, parameters);
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL without user or password; TLS and other parameters pass through. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8));
        String sep = "?";
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(sep).append(java.net.URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return url.toString();
    }

    /** Connection properties: user, password, and the application name other sessions see. */
    public Properties properties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "catalog-rollback");
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        return props;
    }

    /** "database hasura on db:5432 as postgres": how every message names the database. */
    public String describe() {
        return "database " + database + " on " + host + ":" + port + " as " + user;
    }

    /** Removes the password from a text that may echo it (a driver message, say). */
    public String redact(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***");
    }

    @Override
    public String toString() {
        return describe();
    }
}
