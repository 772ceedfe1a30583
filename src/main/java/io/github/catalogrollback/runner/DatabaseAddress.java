package io.github.catalogrollback.runner;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the metadata database is, parsed once from Hasura's form ({@code postgres://user:pass@host:5432/db?sslmode=require})
 * or JDBC's ({@code jdbc:postgresql://host:5432/db?user=u&password=p}). The password (and a TLS key's
 * {@code sslpassword}) exist only here and in the connection {@link #properties()}: the JDBC URL, {@link #toString()},
 * {@link #describe()} and every parse error leave them out, so no message can hold them.
 */
public record DatabaseAddress(String host, int port, String database, String user, String password,
                              Map<String, String> parameters) {

    private static final Pattern SCHEME = Pattern.compile("(?i)(?:jdbc:postgresql|postgres|postgresql)://");
    private static final Pattern HOST = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+");
    /** Query parameters that are credentials: they go to the driver as properties, never into the URL. */
    private static final java.util.Set<String> SECRET_PARAMETERS = java.util.Set.of("password", "sslpassword");

    public DatabaseAddress {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a database URL. {@code fallbackPassword} (PGPASSWORD) is used when the URL carries none.
     *
     * @throws RunFailure of kind USAGE, with a message that repeats no part of the URL, when it is not a PostgreSQL URL
     *                    or does not parse (typically a password with an unencoded {@code @ / ? # %})
     */
    public static DatabaseAddress parse(String url, String fallbackPassword) {
        if (url == null || url.isBlank()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "no database given; nothing changed. Pass --database-url, or set"
                    + " HASURA_GRAPHQL_METADATA_DATABASE_URL or HASURA_GRAPHQL_DATABASE_URL.");
        }
        String s = url.strip();
        Matcher scheme = SCHEME.matcher(s);
        if (!scheme.lookingAt()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "the database URL is not a PostgreSQL URL (expected postgres://user:password@host:5432/database"
                    + " or jdbc:postgresql://host:5432/database); nothing changed.");
        }
        String rest = s.substring(scheme.end());
        if (rest.indexOf('#') >= 0) {
            throw malformed("it holds a '#'");
        }
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        int at = authority.lastIndexOf('@');
        int firstEquals = tail.indexOf('=');
        if (at < 0 && tail.substring(0, firstEquals < 0 ? tail.length() : firstEquals).indexOf('@') >= 0) {
            throw malformed("an '@' comes after a '/' or '?' that the password probably holds");
        }
        String user = null;
        String password = null;
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            if (userinfo.indexOf('@') >= 0) {
                throw malformed("it holds more than one '@' before the host");
            }
            int colon = userinfo.indexOf(':');
            user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(userinfo.substring(colon + 1), "password");
        }
        String hostPort = authority.substring(at + 1);
        String host;
        String portText = null;
        int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
        int colon = hostPort.indexOf(':', Math.max(close, 0));
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            portText = hostPort.substring(colon + 1);
        } else {
            host = hostPort;
        }
        if (host.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "the database URL names no host (expected postgres://user:password@host:5432/database);"
                    + " nothing changed.");
        }
        if (!HOST.matcher(host).matches()) {
            throw malformed("the host is not a host name or address");
        }
        int port = 5432;
        if (portText != null) {
            if (!portText.matches("\\d{1,5}")) {
                throw malformed("the port is not a number");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new RunFailure(RunFailure.Kind.USAGE, "the database URL names port " + port + ", which does not exist; nothing changed.");
            }
        }
        int query = tail.indexOf('?');
        String path = query < 0 ? tail : tail.substring(0, query);
        String database = path.length() <= 1 ? "postgres" : decode(path.substring(1), "database name");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : tail.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter");
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> parameters.put(key, value);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        if ((password == null || password.isEmpty()) && fallbackPassword != null && !fallbackPassword.isEmpty()) {
            password = fallbackPassword;
        }
        return new DatabaseAddress(host, port, database, user, password, parameters);
    }

    /** The one message for a URL that does not parse. It names what is wrong and never repeats any part of the URL. */
    private static RunFailure malformed(String why) {
        return new RunFailure(RunFailure.Kind.USAGE, "the database URL does not parse (" + why + "); nothing changed. If the password"
                + " holds special characters, percent-encode special characters in the password (@ as %40, / as %2F, ? as %3F,"
                + " # as %23, % as %25, : as %3A) or leave it out of the URL and set PGPASSWORD.");
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Strict percent-decoding: a '%' must start two hex digits and the bytes must be UTF-8; '+' stays a '+'. */
    private static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '%') {
                bytes.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw malformed("a '%' in the " + what + " does not start a %XX escape");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the %XX escapes in the " + what + " are not UTF-8");
        }
    }

    /** The JDBC URL without user or any credential; TLS and other parameters pass through. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
                .append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8));
        String sep = "?";
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (SECRET_PARAMETERS.contains(p.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            url.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return url.toString();
    }

    /** Connection properties: user, password, credential parameters, and the application name other sessions see. */
    public Properties properties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        parameters.forEach((key, value) -> {
            if (SECRET_PARAMETERS.contains(key.toLowerCase(Locale.ROOT))) {
                props.setProperty(key, value);
            }
        });
        props.setProperty("ApplicationName", "catalog-rollback");
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        return props;
    }

    /** "database hasura on db:5432 as postgres": how every message names the database. */
    public String describe() {
        return "database " + database + " on " + host + ":" + port + " as " + user;
    }

    @Override
    public String toString() {
        return describe();
    }
}
