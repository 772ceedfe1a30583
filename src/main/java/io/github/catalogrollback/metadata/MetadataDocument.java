package io.github.catalogrollback.metadata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * The metadata document of a v2 catalog ({@code hdb_catalog.hdb_metadata}, row id 1) read once as its UTF-8 text, for
 * everything that needs it before a run changes anything: the sources it lists ({@link #sources()}, for finding their
 * databases) and the account of step 43 → 42 ({@link MetadataDowngradeCheck#check(Connection, MetadataDocument)}).
 * A document of tens of MB is one query and a few streaming passes, never a tree of objects.
 */
public final class MetadataDocument {

    /**
     * One source of the document, as the connection part of it reads: the text values are those PostgreSQL's
     * {@code #>>} gives for the same paths (null where the path is missing or JSON null), so a caller resolves them as
     * it would resolve the columns of a query.
     *
     * @param name            the source's name (a non-string as its JSON text; null: none)
     * @param kind            its kind (null: none, which is Postgres)
     * @param urlType         the JSON type of {@code configuration.connection_info.database_url} (null: missing)
     * @param url             that value when it is a string
     * @param fromEnv         its {@code from_env} when it is an object
     * @param hasParameters   whether it has {@code connection_parameters}
     * @param passwordType    the JSON type of {@code connection_parameters.password} (null: missing)
     * @param password        that password as text ({@code #>>})
     * @param passwordFromEnv its {@code from_env} when it is an object
     * @param eventTriggers   how many event triggers its tables list
     */
    public record Source(String name, String kind, String urlType, String url, String fromEnv, boolean hasParameters,
                         String host, String port, String username, String database, String passwordType, String password,
                         String passwordFromEnv, long eventTriggers) {
    }

    private final boolean table;
    private final boolean row;
    private final byte[] text;

    private MetadataDocument(boolean table, boolean row, byte[] text) {
        this.table = table;
        this.row = row;
        this.text = text;
    }

    /** Reads the document of the catalog on {@code c}: one query for the whole text. */
    public static MetadataDocument read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 WHERE to_regclass('hdb_catalog.hdb_metadata') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new MetadataDocument(false, false, null);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT metadata::text FROM hdb_catalog.hdb_metadata WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            boolean row = rs.next();
            return new MetadataDocument(true, row, row ? rs.getBytes(1) : null);
        }
    }

    /** A document given as its text (no database): for tests. */
    static MetadataDocument of(String text) {
        return new MetadataDocument(true, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The account of the document (MetadataAccount.of its text): started by {@link #startAccount}, or made on first use. */
    private FutureTask<MetadataAccount.Result> account;

    /**
     * Starts the account of the document on a background thread, so that a run's other pre-checks (the source survey,
     * the drift check, Liquibase's start) go on meanwhile: walking 50 MB takes about 0.8 s of a cold JVM. The account is
     * the same as the one {@link #account()} makes on the calling thread; it reads only this object's bytes.
     */
    public synchronized void startAccount() {
        if (account == null && table && row) {
            account = accountTask();
            Thread walker = new Thread(account, "metadata-account");
            walker.setDaemon(true);
            walker.start();
        }
    }

    private FutureTask<MetadataAccount.Result> accountTask() {
        return new FutureTask<>(() -> MetadataAccount.of(text()));
    }

    /** The account of the document: the one {@link #startAccount} began (waited for), else made now. */
    MetadataAccount.Result account() {
        FutureTask<MetadataAccount.Result> task;
        synchronized (this) {
            if (account == null) {
                account = accountTask();
                account.run();
            }
            task = account;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the walk ends on its own within a second; the caller sees the interrupt after
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether hdb_catalog.hdb_metadata exists. */
    boolean table() {
        return table;
    }

    /** Whether the table has the metadata row (id 1). */
    boolean row() {
        return row;
    }

    /** The document's text in UTF-8; a SQL NULL reads as the JSON null (which is no metadata). */
    byte[] text() {
        return text == null ? "null".getBytes(StandardCharsets.UTF_8) : text;
    }

    // --- the sources ------------------------------------------------------------------------------------------------

    /**
     * The sources the document lists, in document order: the elements of a top-level {@code sources} list (none when
     * the document is not an object or its {@code sources} is no list; an element that is no object is a source with
     * nothing set). Where a key appears twice in one object, the last one counts, as in PostgreSQL's json functions.
     */
    public List<Source> sources() {
        List<Source> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        JsonReader in = new JsonReader(text);
        if (in.peek() != JsonReader.Kind.OBJECT) {
            return out;
        }
        in.beginObject();
        for (String key = in.nextKey(); key != null; key = in.nextKey()) {
            if (!key.equals("sources")) {
                in.skipValue();
                continue;
            }
            out.clear();
            if (in.peek() != JsonReader.Kind.ARRAY) {
                in.skipValue();
                continue;
            }
            in.beginArray();
            while (in.hasNext()) {
                out.add(source(in));
            }
        }
        return out;
    }

    private static final byte[] EVENT_TRIGGERS = "event_triggers".getBytes(StandardCharsets.UTF_8);

    private Source source(JsonReader in) {
        if (in.peek() != JsonReader.Kind.OBJECT) {
            in.skipValue();
            return new Source(null, null, null, null, null, false, null, null, null, null, null, null, null, 0);
        }
        String name = null;
        String kind = null;
        Object configuration = null;
        long triggers = 0;
        in.beginObject();
        for (String key = in.nextKey(); key != null; key = in.nextKey()) {
            switch (key) {
                case "name" -> name = jsonText(in);
                case "kind" -> kind = jsonText(in);
                case "configuration" -> configuration = in.readValue();
                case "tables" -> triggers = eventTriggers(in);
                default -> in.skipValue();
            }
        }
        Object url = at(configuration, "connection_info", "database_url");
        Object parameters = at(url, "connection_parameters");
        Object password = at(parameters, "password");
        boolean hasParameters = url instanceof Map<?, ?> m && m.containsKey("connection_parameters");
        return new Source(name, kind, typeOf(url, url != null || has(configuration, "connection_info", "database_url")),
                url instanceof String s ? s : null, text(at(url, "from_env")), hasParameters,
                text(at(parameters, "host")), text(at(parameters, "port")), text(at(parameters, "username")),
                text(at(parameters, "database")), typeOf(password, password != null || has(parameters, "password")),
                text(password), text(at(password, "from_env")), triggers);
    }

    /** The event triggers of a source's {@code tables}: the elements of each table object's {@code event_triggers} list. */
    private static long eventTriggers(JsonReader in) {
        if (in.peek() != JsonReader.Kind.ARRAY) {
            in.skipValue();
            return 0;
        }
        long count = 0;
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() != JsonReader.Kind.OBJECT) {
                in.skipValue();
                continue;
            }
            long tableTriggers = 0;
            in.beginObject();
            while (in.nextKeyInPlace()) {
                if (!in.keyIs(EVENT_TRIGGERS) && !(in.keyEscaped() && in.keyText().equals("event_triggers"))) {
                    in.skipValue();
                    continue;
                }
                tableTriggers = 0;
                if (in.peek() != JsonReader.Kind.ARRAY) {
                    in.skipValue();
                    continue;
                }
                in.beginArray();
                while (in.hasNext()) {
                    in.skipValue();
                    tableTriggers++;
                }
            }
            count += tableTriggers;
        }
        return count;
    }

    /** A value as json's {@code #>> '{}'} gives it: a string unescaped, null as null, anything else as its text. */
    private String jsonText(JsonReader in) {
        JsonReader.Kind kind = in.peek();
        if (kind == JsonReader.Kind.STRING) {
            return (String) in.readValue();
        }
        int start = in.position();
        in.skipValue();
        return kind == JsonReader.Kind.NULL ? null : new String(text, start, in.position() - start, StandardCharsets.UTF_8);
    }

    /** The value at {@code path} below {@code value}, null where an object or the key is missing (or the value is null). */
    private static Object at(Object value, String... path) {
        for (String key : path) {
            if (!(value instanceof Map<?, ?> m)) {
                return null;
            }
            value = m.get(key);
        }
        return value;
    }

    private static boolean has(Object value, String... path) {
        Object parent = at(value, java.util.Arrays.copyOf(path, path.length - 1));
        return parent instanceof Map<?, ?> m && m.containsKey(path[path.length - 1]);
    }

    /** jsonb_typeof of a value; null when {@code present} is false. */
    private static String typeOf(Object value, boolean present) {
        if (!present) {
            return null;
        }
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "string" : value instanceof BigDecimal ? "number" : value instanceof Boolean ? "boolean"
                : value instanceof Map<?, ?> ? "object" : "array";
    }

    /** A value as jsonb's {@code #>>} gives it: a string as it is, null as null, anything else as jsonb's text. */
    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : jsonb(value);
    }

    /** jsonb's text of a value: keys shortest first then bytewise, ", " and ": " between, numbers as numeric prints them. */
    private static String jsonb(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quoted(s);
        }
        if (value instanceof BigDecimal n) {
            return n.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Map<?, ?> m) {
            Comparator<String> order = Comparator.comparingInt((String k) -> k.getBytes(StandardCharsets.UTF_8).length)
                    .thenComparing((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            return m.keySet().stream().map(k -> (String) k).sorted(order)
                    .map(k -> quoted(k) + ": " + jsonb(m.get(k))).collect(Collectors.joining(", ", "{", "}"));
        }
        return ((List<?>) value).stream().map(MetadataDocument::jsonb).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }
}
