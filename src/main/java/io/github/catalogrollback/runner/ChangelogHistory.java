package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.ChangelogIndex;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads Liquibase's history with plain SQL and reconciles it to the catalog version in hdb_version. */
final class ChangelogHistory {

    static final String LOGICAL_FILE = "hasura-catalog";
    static final String TABLE = ToolSchema.NAME + ".databasechangelog";

    private final ChangelogIndex index;

    ChangelogHistory(ChangelogIndex index) {
        this.index = index;
    }

    /** The changeset ids in the history, in the order they ran; empty when there is no history table. */
    List<String> recordedIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (!CatalogReader.tableExists(c, ToolSchema.NAME, "databasechangelog")) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, author, filename FROM " + TABLE + " ORDER BY orderexecuted");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boolean ours = ChangelogIndex.AUTHOR.equals(rs.getString(2)) && LOGICAL_FILE.equals(rs.getString(3));
                ids.add(ours ? rs.getString(1) : rs.getString(3) + "::" + rs.getString(1) + "::" + rs.getString(2));
            }
        }
        return ids;
    }

    ChangelogHistoryState state(Connection c, CatalogVersion actual) throws SQLException {
        return state(recordedIds(c), actual);
    }

    private ChangelogHistoryState state(List<String> ids, CatalogVersion actual) {
        if (ids.isEmpty()) {
            return new ChangelogHistoryState(ChangelogHistoryState.Kind.NOT_ADOPTED, Optional.empty(), List.of());
        }
        List<String> unknown = ids.stream().filter(id -> index.versionOf(id).isEmpty()).toList();
        Optional<CatalogVersion> recorded = ids.stream().map(index::versionOf).flatMap(Optional::stream)
                .filter(v -> ids.contains(v.tag())).max(CatalogVersion::compareTo);
        if (!unknown.isEmpty()) {
            return new ChangelogHistoryState(ChangelogHistoryState.Kind.UNKNOWN_CHANGESETS, recorded, unknown);
        }
        boolean inSync = new LinkedHashSet<>(ids).equals(index.changesetIdsUpTo(actual));
        return new ChangelogHistoryState(inSync ? ChangelogHistoryState.Kind.IN_SYNC : ChangelogHistoryState.Kind.DIFFERS, recorded, List.of());
    }

    /**
     * Makes the history say exactly what hdb_version says: removes rows of versions above it, marks the missing
     * ones up to it as run (adoption), inside the run's transaction. The checksums of the tool's own rows are
     * cleared, so that Liquibase records those of this build: an earlier build may have worded a changeset
     * differently, and hdb_version and the shape check, not checksums, say what the catalog is. Returns a note for
     * the operator, or empty.
     *
     * @throws RunFailure REFUSED when the history holds changesets this build does not know
     */
    Optional<String> reconcile(Connection c, LiquibaseSession liquibase, CatalogVersion actual) throws Exception {
        List<String> recorded = recordedIds(c);
        ChangelogHistoryState state = state(recorded, actual);
        switch (state.kind()) {
            case UNKNOWN_CHANGESETS -> throw new RunFailure(RunFailure.Kind.REFUSED,
                    Messages.unknownChangesets(TABLE, state.unknownChangesets()));
            case NOT_ADOPTED -> {
            }
            default -> clearChecksums(c, liquibase);
        }
        if (state.kind() == ChangelogHistoryState.Kind.IN_SYNC) {
            return Optional.empty();
        }
        Set<String> expected = index.changesetIdsUpTo(actual);
        List<String> extra = recorded.stream().filter(id -> !expected.contains(id)).toList();
        if (!extra.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE author = ? AND filename = ? AND id = ANY (?)")) {
                Array ids = c.createArrayOf("text", extra.toArray());
                ps.setString(1, ChangelogIndex.AUTHOR);
                ps.setString(2, LOGICAL_FILE);
                ps.setArray(3, ids);
                ps.executeUpdate();
            }
            liquibase.checkpoint();
        }
        liquibase.syncToTag(actual.tag());
        Set<String> after = new LinkedHashSet<>(recordedIds(c));
        if (!after.equals(expected)) {
            throw new IllegalStateException("history still differs from catalog " + actual + " after reconciling: " + after);
        }
        if (state.kind() == ChangelogHistoryState.Kind.NOT_ADOPTED) {
            return Optional.of(Messages.adopted(actual));
        }
        return Optional.of(Messages.reconciled(state.recorded().map(Object::toString).orElse("none"), actual));
    }

    private static void clearChecksums(Connection c, LiquibaseSession liquibase) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET md5sum = NULL WHERE author = ? AND filename = ?"
                + " AND md5sum IS NOT NULL")) {
            ps.setString(1, ChangelogIndex.AUTHOR);
            ps.setString(2, LOGICAL_FILE);
            ps.executeUpdate();
        }
        liquibase.checkpoint();
    }
}
