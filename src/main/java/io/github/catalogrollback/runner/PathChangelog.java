package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.ChangelogIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.database.Database;
import liquibase.resource.AbstractResource;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * The changelog Liquibase parses for one command: only the files of the master changelog that the command can touch,
 * included in master order by a master changelog made in memory, instead of all of them (parsing and validating every
 * file of master.yaml was the largest part of a one-step run). Which files, from the master's own include list and
 * Liquibase's history, read at run time (each file of a chain holds the changesets of one version and ends with the tag
 * changeset named like the file, {@code catalog-N.yaml} → {@code catalog-N}):
 * <ul>
 *   <li>rolling back to tag T: the files after T's file, up to that of the last tag recorded in the history (the
 *       changesets Liquibase rolls back are those recorded after T); then checked: every history row after T must be a
 *       changeset of those files, else the whole changelog is parsed;</li>
 *   <li>updating to tag T: the files after that of the last tag recorded, up to T's file. Liquibase would also run any
 *       changeset of an earlier file missing from the history; a run reconciles the history to the catalog's version
 *       before it moves ({@link ChangelogHistory#reconcile}, {@link SourceHistory#reconcile}), so there is none.</li>
 * </ul>
 * Anything that does not fit (no such tag, a file not in the master, an empty range) parses the whole master changelog,
 * as Liquibase would. The changesets keep their logical file path (hasura-catalog), so the history rows are the same
 * either way; the checksums of the files left out stay as the history has them (the run cleared the tool's rows).
 */
final class PathChangelog {

    /** Which files a command can touch: a rollback to a tag or an update to a tag. */
    record Reach(boolean rollback, String tag) {
        static Reach rollbackTo(String tag) {
            return new Reach(true, tag);
        }

        static Reach updateTo(String tag) {
            return new Reach(false, tag);
        }
    }

    /** What Liquibase gets: the changelog's name (the master's, or the in-memory one's) and the parsed changelog. */
    record Parsed(String file, DatabaseChangeLog changelog) {
    }

    private PathChangelog() {
    }

    /**
     * Parses the files of {@code master} that {@code reach} needs (all of them when reach is null or the history does not
     * say), in the current Liquibase scope, whose resource accessor must hold the changelogs.
     */
    static Parsed parse(Connection raw, Database database, ChangeLogParameters parameters, String master, Reach reach) throws Exception {
        ResourceAccessor changelogs = Scope.getCurrentScope().getResourceAccessor();
        List<Row> history = reach == null ? List.of() : history(raw, database);
        List<String> files = reach == null ? null : files(history, changelogs, master, reach);
        if (files == null) {
            return new Parsed(master, DatabaseChangelogCommandStep.getDatabaseChangeLog(master, parameters, database));
        }
        String name = master.replaceFirst("[^/]*$", "") + "path-" + (reach.rollback() ? "rollback-to-" : "update-to-") + reach.tag() + ".yaml";
        StringBuilder text = new StringBuilder("databaseChangeLog:\n");
        files.forEach(f -> text.append("  - include: {file: '").append(f).append("'}\n"));
        InMemory accessor = new InMemory(changelogs, name, text.toString());
        DatabaseChangeLog changelog = Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor),
                () -> DatabaseChangelogCommandStep.getDatabaseChangeLog(name, parameters, database));
        if (reach.rollback() && !holdsEveryRowAfter(history, changelog, reach.tag())) {
            return new Parsed(master, DatabaseChangelogCommandStep.getDatabaseChangeLog(master, parameters, database));
        }
        return new Parsed(name, changelog);
    }

    /** The files {@code reach} needs, in master order, or null for all of them. */
    private static List<String> files(List<Row> history, ResourceAccessor changelogs, String master, Reach reach) throws IOException {
        List<String> included = includes(changelogs, master);
        int target = included.indexOf(fileOf(master, reach.tag()));
        String last = history.stream().map(Row::tag).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
        int current = last == null ? -1 : included.indexOf(fileOf(master, last));
        if (target < 0 || last != null && current < 0) {
            return null;
        }
        List<String> files = reach.rollback() ? included.subList(target + 1, Math.max(target + 1, current + 1))
                : included.subList(current + 1, Math.max(current + 1, target + 1));
        return files.isEmpty() ? null : files;
    }

    /** The file that ends with the tag changeset {@code tag}, by the chain's naming: next to the master, named like the tag. */
    private static String fileOf(String master, String tag) {
        return master.replaceFirst("[^/]*$", "") + tag + ".yaml";
    }

    /** The files the master changelog includes, in order, as resource paths. */
    private static List<String> includes(ResourceAccessor changelogs, String master) throws IOException {
        String text;
        try (InputStream in = changelogs.getExisting(master).openInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return ChangelogIndex.includes(text).stream().map(i -> i.path(master)).toList();
    }

    /** One row of Liquibase's history. */
    private record Row(String filename, String author, String id, String tag) {
    }

    /**
     * The history of this session's chain in Liquibase's order of execution (empty when its table does not exist yet):
     * two queries, whatever the length of the path.
     */
    private static List<Row> history(Connection raw, Database database) throws SQLException {
        String table = database.getLiquibaseSchemaName() + "." + database.getDatabaseChangeLogTableName();
        try (PreparedStatement ps = raw.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return List.of();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT filename, author, id, tag FROM " + table + " ORDER BY dateexecuted, orderexecuted")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    /** True when every history row after the last one tagged {@code tag} is a changeset of {@code changelog} (what a rollback undoes). */
    private static boolean holdsEveryRowAfter(List<Row> history, DatabaseChangeLog changelog, String tag) {
        int at = -1;
        for (int i = 0; i < history.size(); i++) {
            if (tag.equals(history.get(i).tag())) {
                at = i;
            }
        }
        if (at < 0) {
            return false;
        }
        return history.subList(at + 1, history.size()).stream().allMatch(r -> changelog.getChangeSet(r.filename(), r.author(), r.id()) != null);
    }

    /** The changelogs plus one master changelog held in memory; everything else is read from the changelogs. */
    private static final class InMemory implements ResourceAccessor {
        private final ResourceAccessor changelogs;
        private final Resource master;

        InMemory(ResourceAccessor changelogs, String name, String text) {
            this.changelogs = changelogs;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            this.master = new AbstractResource(name, URI.create("memory:/" + name)) {
                @Override
                public boolean exists() {
                    return true;
                }

                @Override
                public Resource resolve(String other) {
                    return get(resolvePath(other));
                }

                @Override
                public Resource resolveSibling(String other) {
                    return get(resolveSiblingPath(other));
                }

                @Override
                public InputStream openInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                private Resource get(String path) {
                    try {
                        return changelogs.get(path);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }

        @Override
        public List<Resource> search(String path, boolean recursive) throws IOException {
            return changelogs.search(path, recursive);
        }

        @Override
        public List<Resource> getAll(String path) throws IOException {
            return path.equals(master.getPath()) ? List.of(master) : changelogs.getAll(path);
        }

        @Override
        public List<String> describeLocations() {
            return changelogs.describeLocations();
        }

        @Override
        public void close() {
            // The changelogs' accessor belongs to the scope that made it.
        }
    }
}
