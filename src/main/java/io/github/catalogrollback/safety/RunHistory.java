package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every run, in the tool's own schema: who (database user and OS user), when, from → to, dry run or not, how it
 * ended, how long it took, where its backup is. Never a password or a URL: only the database's own name for
 * the user. {@code catalog-rollback history} shows it.
 */
public final class RunHistory {

    public static final String TABLE = ToolSchema.NAME + ".run_history";

    /** How a run ended, as the {@code outcome} column spells it. */
    public enum Outcome {
        COMMITTED("committed"),
        REHEARSED("rehearsed"),
        NOTHING_TO_DO("nothing-to-do"),
        REFUSED("refused"),
        LOCKED("locked"),
        ROLLED_BACK("rolled-back"),
        CONNECTION("connection"),
        USAGE("usage"),
        INTERNAL_ERROR("internal-error");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The outcome a row names; a label this build does not know (a newer tool wrote it) is kept as unknown. */
        static Optional<Outcome> parse(String label) {
            for (Outcome o : values()) {
                if (o.label.equals(label)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One run. {@code from} is empty when the version was never read (init, or a refusal before it); {@code outcome}
     * is empty only for a row whose outcome this build does not know.
     */
    public record Entry(String runId, Instant startedAt, Instant finishedAt, String databaseUser, String osUser, String command,
                        Optional<Integer> from, Optional<Integer> to, boolean dryRun, Optional<Outcome> outcome, long durationMs,
                        Optional<String> backupTable, String message) {

        /** The outcome as the table spells it. */
        public String outcomeLabel() {
            return outcome.map(Outcome::label).orElse("unknown");
        }
    }

    private RunHistory() {
    }

    public static void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (run_id text PRIMARY KEY, started_at timestamptz NOT NULL,"
                    + " finished_at timestamptz NOT NULL, database_user text NOT NULL, os_user text, command text NOT NULL,"
                    + " from_version integer, to_version integer, dry_run boolean NOT NULL, outcome text NOT NULL,"
                    + " duration_ms bigint NOT NULL, backup_table text, message text)");
        }
    }

    public static boolean tableExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public static void record(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (run_id, started_at, finished_at, database_user,"
                + " os_user, command, from_version, to_version, dry_run, outcome, duration_ms, backup_table, message)"
                + " VALUES (?, ?, ?, current_user, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.runId());
            ps.setTimestamp(2, Timestamp.from(e.startedAt()));
            ps.setTimestamp(3, Timestamp.from(e.finishedAt()));
            ps.setString(4, e.osUser());
            ps.setString(5, e.command());
            setInt(ps, 6, e.from());
            setInt(ps, 7, e.to());
            ps.setBoolean(8, e.dryRun());
            ps.setString(9, e.outcomeLabel());
            ps.setLong(10, e.durationMs());
            ps.setString(11, e.backupTable().orElse(null));
            ps.setString(12, e.message());
            ps.executeUpdate();
        }
    }

    /** The newest runs first. */
    public static List<Entry> list(Connection c, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        if (!tableExists(c)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, started_at, finished_at, database_user, os_user, command,"
                + " from_version, to_version, dry_run, outcome, duration_ms, backup_table, message FROM " + TABLE
                + " ORDER BY started_at DESC, run_id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6), Optional.ofNullable((Integer) rs.getObject(7)),
                            Optional.ofNullable((Integer) rs.getObject(8)), rs.getBoolean(9), Outcome.parse(rs.getString(10)), rs.getLong(11),
                            Optional.ofNullable(rs.getString(12)), rs.getString(13)));
                }
            }
        }
        return out;
    }

    private static void setInt(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }
}
