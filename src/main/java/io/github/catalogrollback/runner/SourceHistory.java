package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Liquibase's history of the source changelog ({@value LiquibaseSession#SOURCE_HISTORY_TABLE} in the tool's schema),
 * kept apart from the metadata chain's DATABASECHANGELOG so that {@link ChangelogHistory} never sees source rows.
 * hdb_source_catalog_version is the truth: the history is made to say what it says before every move.
 */
final class SourceHistory {

    static final String TABLE = ToolSchema.NAME + "." + LiquibaseSession.SOURCE_HISTORY_TABLE;

    private final SourceChangelog chain;

    SourceHistory(SourceChangelog chain) {
        this.chain = chain;
    }

    /** The changeset ids recorded, in the order they ran ("file::id::author" for rows of other changelogs). */
    List<String> recordedIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (!CatalogReader.tableExists(c, ToolSchema.NAME, LiquibaseSession.SOURCE_HISTORY_TABLE)) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, author, filename FROM " + TABLE + " ORDER BY orderexecuted");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boolean ours = ChangelogIndex.AUTHOR.equals(rs.getString(2)) && SourceChangelog.LOGICAL_FILE.equals(rs.getString(3));
                ids.add(ours ? rs.getString(1) : rs.getString(3) + "::" + rs.getString(1) + "::" + rs.getString(2));
            }
        }
        return ids;
    }

    /** True when the history records exactly the changesets of {@code version}. */
    boolean records(Connection c, SourceCatalogVersion version) throws SQLException {
        return new LinkedHashSet<>(recordedIds(c)).equals(chain.changesetIdsUpTo(version));
    }

    /**
     * Makes the history record exactly {@code actual}: refuses rows this build does not know, removes rows above it,
     * clears the checksums of the tool's rows (an earlier build may have worded a changeset differently) and marks
     * the missing ones as run, inside the caller's transaction.
     */
    void reconcile(Connection c, LiquibaseSession source, SourceCatalogVersion actual, String sourceName) throws Exception {
        List<String> recorded = recordedIds(c);
        List<String> unknown = recorded.stream().filter(id -> chain.versionOf(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceUnknownChangesets(sourceName, TABLE, unknown));
        }
        Set<String> expected = chain.changesetIdsUpTo(actual);
        if (!recorded.isEmpty()) {
            List<String> extra = recorded.stream().filter(id -> !expected.contains(id)).toList();
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE author = ? AND filename = ? AND id = ANY (?)");
                 PreparedStatement clear = c.prepareStatement("UPDATE " + TABLE + " SET md5sum = NULL WHERE author = ? AND filename = ?")) {
                Array ids = c.createArrayOf("text", extra.toArray());
                delete.setString(1, ChangelogIndex.AUTHOR);
                delete.setString(2, SourceChangelog.LOGICAL_FILE);
                delete.setArray(3, ids);
                delete.executeUpdate();
                clear.setString(1, ChangelogIndex.AUTHOR);
                clear.setString(2, SourceChangelog.LOGICAL_FILE);
                clear.executeUpdate();
            }
            source.checkpoint();
        }
        if (!new LinkedHashSet<>(recordedIds(c)).equals(expected)) {
            source.syncToTag(actual.tag());
        }
        if (!records(c, actual)) {
            throw new IllegalStateException("the source history still differs from source catalog " + actual + " after reconciling");
        }
    }

    /** Forgets the history: the database keeps no source catalog any more (step 43 → 42 removed it). */
    void clear(Connection c, LiquibaseSession source) throws Exception {
        if (!recordedIds(c).isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE author = ? AND filename = ?")) {
                ps.setString(1, ChangelogIndex.AUTHOR);
                ps.setString(2, SourceChangelog.LOGICAL_FILE);
                ps.executeUpdate();
            }
            source.checkpoint();
        }
    }
}
