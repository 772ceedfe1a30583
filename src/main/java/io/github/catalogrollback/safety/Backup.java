package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps what a downgrade destroys. Before the steps run (same transaction), every row of a table that a step
 * drops or deletes rows from, and the values of every column that a step drops (with the row's primary key), are copied into one
 * table per run: {@code hdb_catalog_rollback.backup_<run id>}. A later upgrade can put them back
 * ({@code upgrade --restore-from <run id>}); README.md shows how to do it by hand.
 *
 * <p>The metadata document of a v2 catalog ({@code hdb_catalog.hdb_metadata.metadata}, tens of MB) is the one value
 * kept apart: its row's {@code data} holds the other columns, and the document itself goes into {@code stored_value},
 * copied as PostgreSQL stores it (compressed, never decompressed or parsed), with {@code stored_column} naming it.
 * Putting it inside {@code data} as JSON meant decompressing, copying and compressing 50 MB again: about 1.2 s of a
 * 43 → 42 run at that size, against a few ms now.
 */
public final class Backup {

    /** What a restore put back: rows inserted or updated, and sources it could not restore at this version. */
    public record Restored(long rows, List<String> skipped) {
        public Restored {
            skipped = List.copyOf(skipped);
        }
    }

    private Backup() {
    }

    /** What a run id looks like (see RunLog): UTC time of the start and four random hex digits, e.g. 20261126t101500z_3fa1. */
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("\\d{8}t\\d{6}z_[0-9a-f]{4}");

    public static boolean isRunId(String text) {
        return text != null && RUN_ID.matcher(text).matches();
    }

    /** The backup table of a run; {@code runId} must be a run id ({@link #isRunId}), which keeps the name a plain identifier. */
    public static String tableName(String runId) {
        if (!isRunId(runId)) {
            throw new IllegalArgumentException("not a run id");
        }
        return ToolSchema.NAME + ".backup_" + runId;
    }

    /**
     * The json columns of whole rows that are kept as stored, in {@code stored_value}, instead of inside {@code data}:
     * table, then column.
     */
    static final Map<String, String> STORED_APART = Map.of("hdb_catalog.hdb_metadata", "metadata");

    /** Copies the losses into a new backup table; returns the number of rows saved. */
    public static long save(Connection c, String runId, List<DataLoss> losses) throws SQLException {
        String table = createTable(c, runId);
        long saved = 0;
        for (DataLoss loss : losses) {
            if (loss.count() == 0) {
                continue;
            }
            List<String> key = primaryKey(c, loss.table());
            String sql;
            String apart = loss.wholeRows() ? storedApart(c, loss.table()) : null;
            if (apart != null) {
                // data: a row of the other columns (so its JSON keys are the column names); the column itself as stored
                List<String> others = columnsOf(c, loss.table()).stream().filter(col -> !col.equals(apart)).toList();
                sql = "INSERT INTO " + table + " (step, source, columns, key_columns, row_key, data, stored_column, stored_value)"
                        + " SELECT ?, ?, '{}', ?, NULL, " + (others.isEmpty() ? "'{}'::json" : "to_json(r)") + ", '" + apart + "', t."
                        + DataLossReport.quote(apart) + " FROM " + loss.table() + " t"
                        + (others.isEmpty() ? "" : " CROSS JOIN LATERAL (SELECT "
                                + String.join(", ", others.stream().map(col -> "t." + DataLossReport.quote(col)).toList()) + ") AS r")
                        + (loss.filter().isEmpty() ? "" : " WHERE " + loss.filter());
            } else if (loss.wholeRows()) {
                sql = "INSERT INTO " + table + " (step, source, columns, key_columns, row_key, data)"
                        + " SELECT ?, ?, '{}', ?, NULL, to_json(t) FROM " + loss.table() + " t"
                        + (loss.filter().isEmpty() ? "" : " WHERE " + loss.filter());
            } else {
                String values = String.join(", ", loss.columns().stream().map(col -> "'" + col + "', t." + DataLossReport.quote(col)).toList());
                String keys = String.join(", ", key.stream().map(col -> "'" + col + "', t." + DataLossReport.quote(col)).toList());
                String anyValue = String.join(" OR ", loss.columns().stream().map(col -> "t." + DataLossReport.quote(col) + " IS NOT NULL").toList());
                sql = "INSERT INTO " + table + " (step, source, columns, key_columns, row_key, data)"
                        + " SELECT ?, ?, ?, ?, jsonb_build_object(" + keys + "), json_build_object(" + values + ")"
                        + " FROM " + loss.table() + " t WHERE " + anyValue;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, loss.step());
                ps.setString(i++, loss.table());
                if (!loss.wholeRows()) {
                    ps.setArray(i++, c.createArrayOf("text", loss.columns().toArray()));
                }
                ps.setArray(i, c.createArrayOf("text", key.toArray()));
                saved += ps.executeUpdate();
            }
        }
        return saved;
    }

    /** The run's backup table, created unless it exists. */
    private static String createTable(Connection c, String runId) throws SQLException {
        String table = tableName(runId);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (step text NOT NULL, source text NOT NULL, columns text[] NOT NULL,"
                    + " key_columns text[] NOT NULL, row_key jsonb, data json NOT NULL, saved_at timestamptz NOT NULL DEFAULT now(),"
                    + " stored_column text, stored_value json)");
            st.execute("COMMENT ON TABLE " + table + " IS 'catalog-rollback run " + runId + ": what the downgrade dropped."
                    + " Restore with: catalog-rollback upgrade --to-version N --restore-from " + runId + "'");
        }
        return table;
    }

    /** The source of a foreign object's definition in the backup: "object: view public.tracked". */
    static final String OBJECT = "object: ";

    /**
     * Keeps foreign objects that the run drops (--drop-foreign-objects): one row per object with source
     * "object: &lt;kind&gt; &lt;name&gt;" and data {kind, object, ddl, drop}, where ddl re-creates it; then its rows (a
     * table: whole rows under the table's name) or values (a column: under the table's name, keyed like a dropped
     * Hasura column). Returns the number of backup rows written.
     */
    public static long saveForeignObjects(Connection c, String runId, List<ForeignObjects.Definition> objects) throws SQLException {
        String table = createTable(c, runId);
        long saved = 0;
        for (ForeignObjects.Definition d : objects) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (step, source, columns, key_columns, row_key, data)"
                    + " VALUES (?, ?, '{}', '{}', NULL, json_build_object('kind', ?::text, 'object', ?::text, 'ddl', ?::text, 'drop', ?::text))")) {
                ps.setString(1, d.step());
                ps.setString(2, OBJECT + d.object());
                ps.setString(3, d.kind());
                ps.setString(4, d.object());
                ps.setString(5, d.ddl());
                ps.setString(6, d.drop());
                saved += ps.executeUpdate();
            }
            if (!d.rows().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (step, source, columns, key_columns, row_key, data)"
                        + " SELECT ?, ?, ?, ?, r.row_key, r.data FROM (" + d.rows() + ") AS r(row_key, data)")) {
                    ps.setString(1, d.step());
                    ps.setString(2, d.source());
                    ps.setArray(3, c.createArrayOf("text", d.columns().toArray()));
                    ps.setArray(4, c.createArrayOf("text", d.keyColumns().toArray()));
                    saved += ps.executeUpdate();
                }
            }
        }
        return saved;
    }

    /** The foreign objects a backup holds definitions of, for the operator to re-create by hand. */
    private static List<String> foreignObjects(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT data->>'object' FROM " + table + " WHERE starts_with(source, '" + OBJECT + "')"
                     + " ORDER BY saved_at, data->>'object'")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " (a foreign object: re-create it by hand from data->>'ddl' of its row)");
            }
        }
        return out;
    }

    public static boolean exists(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, tableName(runId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Puts backed-up rows and values back where the catalog has their table and columns again. Whole rows are
     * inserted (referenced tables first) unless a row with the same key exists; column values are written into the
     * row with the same key. Rows kept because they exist already are reported, as are sources the catalog lacks.
     */
    public static Restored restore(Connection c, String runId, Set<String> liveColumns) throws SQLException {
        String table = tableName(runId);
        long rows = 0;
        List<String> skipped = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        // backups made before stored_column existed have no value kept apart
        String stored = columnsOf(c, table).contains("stored_column") ? "coalesce(stored_column, '')" : "''";
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT source, array_to_string(columns, ','), array_to_string(key_columns, ','), " + stored
                     + ", count(*) FROM " + table + " WHERE NOT starts_with(source, '" + OBJECT + "') GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4")) {
            while (rs.next()) {
                groups.add(new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        }
        for (Group g : referencedFirst(c, groups, liveColumns)) {
            String source = g.source();
            List<String> columns = g.columns();
            List<String> key = g.key();
            boolean present = liveColumns.contains(source + ".") && columns.stream().allMatch(col -> liveColumns.contains(source + "." + col))
                    && (g.storedColumn().isEmpty() || liveColumns.contains(source + "." + g.storedColumn()));
            if (!present) {
                skipped.add(source + (columns.isEmpty() ? "" : "." + String.join(", ", columns)) + " (not in the catalog at this version)");
                continue;
            }
            String sql;
            if (columns.isEmpty() && !g.storedColumn().isEmpty()) {
                // the row from data, but the column kept apart from stored_value
                List<String> all = columnsOf(c, source);
                sql = "INSERT INTO " + source + " (" + String.join(", ", all.stream().map(DataLossReport::quote).toList()) + ") SELECT "
                        + String.join(", ", all.stream().map(col -> col.equals(g.storedColumn()) ? "b.stored_value" : "r." + DataLossReport.quote(col)).toList())
                        + " FROM " + table + " b, json_populate_record(NULL::" + source + ", b.data::json) r"
                        + " WHERE b.source = ? AND b.columns = '{}' AND b.stored_column = '" + g.storedColumn().replace("'", "''")
                        + "' ON CONFLICT DO NOTHING";
            } else if (columns.isEmpty()) {
                sql = "INSERT INTO " + source + " SELECT r.* FROM " + table + " b, json_populate_record(NULL::" + source + ", b.data::json) r"
                        + " WHERE b.source = ? AND b.columns = '{}'" + (stored.equals("''") ? "" : " AND b.stored_column IS NULL")
                        + " ON CONFLICT DO NOTHING";
            } else {
                String set = String.join(", ", columns.stream().map(col -> DataLossReport.quote(col) + " = r." + DataLossReport.quote(col)).toList());
                String match = String.join(" AND ", key.stream().map(col -> "t." + DataLossReport.quote(col) + " = k." + DataLossReport.quote(col)).toList());
                sql = "UPDATE " + source + " t SET " + set + " FROM " + table + " b, json_populate_record(NULL::" + source
                        + ", b.data::json) r, jsonb_populate_record(NULL::" + source + ", b.row_key) k"
                        + " WHERE b.source = ? AND array_to_string(b.columns, ',') = '" + g.columnList().replace("'", "''")
                        + "' AND " + (match.isEmpty() ? "true" : match);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, source);
                int done = ps.executeUpdate();
                rows += done;
                long saved = g.saved();
                if (columns.isEmpty() && done < saved) {
                    skipped.add((saved - done) + " rows of " + source + " (a row with the same key exists; the backup keeps them as they were)");
                }
            }
        }
        skipped.addAll(foreignObjects(c, table));
        return new Restored(rows, skipped);
    }

    /**
     * One group of backup rows to restore: the table they came from ({@code source}), the dropped columns they hold
     * (comma-separated as stored, empty for whole rows), the key columns that find their row, and how many were saved.
     */
    private record Group(String source, String columnList, String keyList, String storedColumn, long saved) {
        List<String> columns() {
            return columnList.isEmpty() ? List.of() : List.of(columnList.split(","));
        }

        List<String> key() {
            return keyList.isEmpty() ? List.of() : List.of(keyList.split(","));
        }
    }

    /** Orders whole-row groups so that a table comes after the tables its foreign keys point to. */
    private static List<Group> referencedFirst(Connection c, List<Group> groups, Set<String> liveColumns) throws SQLException {
        java.util.Map<String, Set<String>> needs = new java.util.HashMap<>();
        for (Group g : groups) {
            Set<String> refs = new java.util.HashSet<>();
            if (liveColumns.contains(g.source() + ".")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT confrelid::regclass::text FROM pg_constraint"
                        + " WHERE conrelid = ?::regclass AND contype = 'f' AND confrelid <> conrelid")) {
                    ps.setString(1, g.source());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            refs.add(rs.getString(1));
                        }
                    }
                }
            }
            needs.put(g.source(), refs);
        }
        List<Group> ordered = new ArrayList<>();
        List<Group> left = new ArrayList<>(groups);
        while (!left.isEmpty()) {
            Set<String> pending = new java.util.HashSet<>();
            left.forEach(g -> pending.add(g.source()));
            List<Group> ready = left.stream().filter(g -> needs.get(g.source()).stream()
                    .noneMatch(r -> pending.contains(r) && !r.equals(g.source()))).toList();
            List<Group> next = ready.isEmpty() ? List.of(left.get(0)) : ready;
            ordered.addAll(next);
            left.removeAll(next);
        }
        return ordered;
    }

    /** "schema.table." for every table and "schema.table.column" for every column of hdb_catalog, as they are now. */
    public static Set<String> liveColumns(Connection c) throws SQLException {
        Set<String> out = new java.util.TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_schema || '.' || table_name, column_name FROM information_schema.columns"
                     + " WHERE table_schema = 'hdb_catalog'")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ".");
                out.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        return out;
    }

    /** The column kept apart for whole rows of {@code table}, when it has it and it is of type json; else null. */
    private static String storedApart(Connection c, String table) throws SQLException {
        String column = STORED_APART.get(table);
        if (column == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ?"
                + " AND NOT attisdropped AND atttypid = 'json'::regtype")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? column : null;
            }
        }
    }

    /** The columns of {@code table}, in order (none when it does not exist). */
    private static List<String> columnsOf(Connection c, String table) throws SQLException {
        return names(c, "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped"
                + " ORDER BY attnum", table);
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        return names(c, "SELECT a.attname FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)"
                + " WHERE x.indrelid = ?::regclass AND x.indisprimary ORDER BY array_position(x.indkey::int2[], a.attnum)", table);
    }

    /** The first column of a query about one table, in order. */
    private static List<String> names(Connection c, String sql, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
