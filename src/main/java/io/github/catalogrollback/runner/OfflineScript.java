package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.catalog.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * The SQL script of a path, written with no database: the changelogs of this build, parsed by Liquibase, and
 * every change turned into SQL by Liquibase's own generators for PostgreSQL, exactly as a run would send it
 * (forward blocks going up, rollback blocks going down, sqlFile contents included, the version upserts of
 * each step). The script is one transaction, opened by a guard that takes the run's advisory lock and stops
 * unless hdb_version holds the starting version. It leaves out what only a run does: the checks, backups and
 * Liquibase's history; the next catalog-rollback run adopts the catalog the script leaves.
 */
public final class OfflineScript {

    private final ChangelogIndex index;
    private final ReleaseMap releases;

    OfflineScript(ChangelogIndex index, ReleaseMap releases) {
        this.index = index;
        this.releases = releases;
    }

    /** The script that moves a catalog at {@code from} to {@code to}; both are versions of the changelogs. */
    String write(CatalogVersion from, CatalogVersion to, Duration lockTimeout) {
        try {
            // Liquibase reads the changelogs, and the files that sqlFile changes name, through the scope's accessor.
            return Scope.child(LiquibaseSession.quietScope(), () -> write(index.path(from, to), lockTimeout));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the script from the changelogs of this build: " + e.getMessage(), e);
        }
    }

    private String write(Path path, Duration lockTimeout) throws Exception {
        Database database = new PostgresDatabase();
        Map<String, ChangeSet> changeSets = parseChangelogs(database);
        StringBuilder out = new StringBuilder();
        header(out, path, lockTimeout);
        for (Step step : path.steps()) {
            out.append("\n-- ").append(step).append(": ").append(oneLine(step.summary())).append('\n');
            CatalogVersion upper = step.isDown() ? step.from() : step.to();
            List<String> ids = new ArrayList<>(index.entry(upper).changesetIds());
            if (step.isDown()) {
                Collections.reverse(ids);
            }
            for (String id : ids) {
                ChangeSet changeSet = changeSets.get(id);
                if (changeSet == null) {
                    throw new IllegalStateException("changeset " + id + " is in the index but not in the changelogs");
                }
                for (String sql : step.isDown() ? rollbackSql(changeSet, database) : forwardSql(changeSet, database)) {
                    out.append(terminated(sql)).append('\n');
                }
            }
        }
        out.append("\nCOMMIT;\n");
        return out.toString();
    }

    private void header(StringBuilder out, Path path, Duration lockTimeout) {
        BuildInfo build = BuildInfo.current();
        CatalogVersion from = path.from();
        CatalogVersion to = path.to();
        int steps = path.steps().size();
        List<String> losing = path.steps().stream().filter(Step::losesData).map(Step::toString).toList();
        out.append("-- Hasura catalog ").append(from).append(" (").append(releases.describe(from)).append(") → ").append(to)
                .append(" (").append(releases.describe(to)).append("), ").append(steps).append(steps == 1 ? " step" : " steps")
                .append(":\n-- the SQL that `catalog-rollback ").append(path.direction() == Direction.DOWN ? "" : "upgrade ")
                .append("--to-version ").append(to).append("` runs on a catalog at ").append(from).append(", written offline from\n")
                .append("-- the changelogs of catalog-rollback ").append(build.version()).append(" (commit ").append(build.commit())
                .append(") by Liquibase ").append(build.liquibase()).append(".\n")
                .append(losing.isEmpty() ? "-- No step loses data.\n"
                        : "-- DATA LOSS in " + String.join(", ", losing) + " (see those steps below).\n")
                .append("--\n")
                .append("-- Stop every Hasura instance on this database, then run it, all or nothing (one transaction, stopped\n")
                .append("-- at the first error; a step waits at most ").append(lockTimeout.toSeconds())
                .append(" s for a lock):\n")
                .append("--   psql -X -v ON_ERROR_STOP=1 -f THIS_FILE \"postgres://USER@HOST:5432/DATABASE\"\n")
                .append("-- It does NOT back up what it drops, does NOT check first (Hasura running, drift, privileges, metadata\n")
                .append("-- that a v1 catalog cannot keep: see `catalog-rollback plan`) and writes no Liquibase or run history;\n")
                .append("-- the next catalog-rollback run adopts the catalog it leaves.\n");
        out.append("\nBEGIN;\n")
                .append("SET LOCAL lock_timeout = '").append(lockTimeout.toSeconds()).append("s';\n")
                .append("DO $guard$\n")
                .append("BEGIN\n")
                .append("  IF NOT pg_try_advisory_xact_lock(").append(AdvisoryLock.KEY_SQL).append(") THEN\n")
                .append("    RAISE EXCEPTION 'a catalog-rollback run holds the lock on this database; nothing changed';\n")
                .append("  END IF;\n")
                .append("  IF to_regclass('hdb_catalog.hdb_version') IS NULL THEN\n")
                .append("    RAISE EXCEPTION 'no Hasura catalog here (no table hdb_catalog.hdb_version); nothing changed';\n")
                .append("  END IF;\n")
                .append("  IF (SELECT count(*) FROM hdb_catalog.hdb_version) <> 1\n")
                .append("     OR (SELECT version FROM hdb_catalog.hdb_version) IS DISTINCT FROM '").append(from).append("' THEN\n")
                .append("    RAISE EXCEPTION 'this script moves catalog ").append(from).append(" to ").append(to)
                .append(", but hdb_catalog.hdb_version says %; nothing changed',\n")
                .append("      (SELECT coalesce(string_agg(version, ', '), 'nothing') FROM hdb_catalog.hdb_version);\n")
                .append("  END IF;\n")
                .append("END\n")
                .append("$guard$;\n");
    }

    /** The forward block, as Liquibase's update runs it: every change in order (tags only touch the history). */
    private static List<String> forwardSql(ChangeSet changeSet, Database database) {
        List<String> sql = new ArrayList<>();
        for (Change change : changeSet.getChanges()) {
            if (!(change instanceof TagDatabaseChange)) {
                sql.addAll(generate(change.generateStatements(database), database));
            }
        }
        return sql;
    }

    /**
     * The rollback block, as Liquibase's rollback runs it: the changes of the rollback block in order, or, where
     * a changeset has none, the inverse of each change in reverse order.
     */
    private static List<String> rollbackSql(ChangeSet changeSet, Database database) {
        List<String> sql = new ArrayList<>();
        List<Change> rollback = changeSet.getRollback().getChanges();
        if (!rollback.isEmpty()) {
            for (Change change : rollback) {
                sql.addAll(generate(change.generateStatements(database), database));
            }
            return sql;
        }
        List<Change> changes = changeSet.getChanges();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            if (change instanceof TagDatabaseChange) {
                continue;
            }
            try {
                sql.addAll(generate(change.generateRollbackStatements(database), database));
            } catch (liquibase.exception.RollbackImpossibleException e) {
                throw new IllegalStateException("changeset " + changeSet.getId() + " has no rollback for " + change.getSerializedObjectName(), e);
            }
        }
        return sql;
    }

    private static List<String> generate(SqlStatement[] statements, Database database) {
        List<String> out = new ArrayList<>();
        for (SqlStatement statement : statements) {
            for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                out.add(sql.toSql());
            }
        }
        return out;
    }

    /** The statement ended by a semicolon, on a line of its own when its last line holds a comment. */
    private static String terminated(String sql) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            return s;
        }
        String lastLine = s.substring(s.lastIndexOf('\n') + 1);
        return lastLine.contains("--") ? s + "\n;" : s + ";";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Every changeset of the shipped changelogs by id, parsed by Liquibase. */
    private static Map<String, ChangeSet> parseChangelogs(Database database) throws Exception {
        ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(ChangelogIndex.MASTER, accessor)
                .parse(ChangelogIndex.MASTER, new ChangeLogParameters(database), accessor);
        Map<String, ChangeSet> byId = new HashMap<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            byId.put(changeSet.getId(), changeSet);
        }
        return byId;
    }
}
