package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.SourceChangelog;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncToTagCommandStep;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.listener.SqlListener;
import liquibase.lockservice.LockServiceFactory;
import liquibase.logging.core.NoOpLogService;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.resource.ZipResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase, driven through its CommandScope API on the run's own connection. Every command runs inside
 * the run's one transaction (see {@link OneTransactionConnection}); Liquibase's history and lock tables live
 * in schema {@value #SCHEMA}, never in hdb_catalog. Records every statement Liquibase writes, so that a dry
 * run can show the exact SQL.
 */
final class LiquibaseSession implements AutoCloseable {

    /** Where DATABASECHANGELOG and DATABASECHANGELOGLOCK live. */
    static final String SCHEMA = "hdb_catalog_rollback";
    /** The source changelog's history table (in {@value #SCHEMA}); its lock table is this name + "lock". */
    static final String SOURCE_HISTORY_TABLE = "source_databasechangelog";

    private final OneTransactionConnection connection;
    private final Database database;
    private final String changelogFile;
    private final List<String> writtenSql;

    LiquibaseSession(Connection raw) throws SQLException {
        this(new OneTransactionConnection(raw), ChangelogIndex.MASTER, null, new ArrayList<>());
    }

    private LiquibaseSession(OneTransactionConnection connection, String changelogFile, String historyTable, List<String> writtenSql)
            throws SQLException {
        this.connection = connection;
        this.changelogFile = changelogFile;
        this.writtenSql = writtenSql;
        try {
            this.database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(connection);
        } catch (liquibase.exception.DatabaseException e) {
            throw new SQLException("Liquibase cannot use this connection: " + e.getMessage(), e);
        }
        database.setLiquibaseSchemaName(SCHEMA);
        if (historyTable != null) {
            database.setDatabaseChangeLogTableName(historyTable);
            database.setDatabaseChangeLogLockTableName(historyTable + "lock");
        }
    }

    /**
     * Liquibase for the source changelog ({@link SourceChangelog#MASTER}, its own history tables) on the same
     * connection and transaction: both sessions share the savepoints, so neither undoes the other's work, and the
     * statements they write are recorded in one list.
     */
    LiquibaseSession forSourceChangelog() throws SQLException {
        return new LiquibaseSession(connection, SourceChangelog.MASTER, SOURCE_HISTORY_TABLE, writtenSql);
    }

    /** Marks every changeset up to and including the tag as run, without running it (adoption). */
    void syncToTag(String tag) throws Exception {
        execute(ChangelogSyncToTagCommandStep.COMMAND_NAME, Map.of(ChangelogSyncToTagCommandStep.TAG_ARG.getName(), tag), null);
    }

    /** Runs the rollback blocks of every changeset recorded after the tag, newest first. */
    void rollbackToTag(String tag, ChangeExecListener listener) throws Exception {
        execute(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(), tag), listener);
    }

    /** Runs the forward blocks of every changeset not yet run, up to and including the tag. */
    void updateToTag(String tag, ChangeExecListener listener) throws Exception {
        execute(UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), tag), listener);
    }

    /**
     * Keeps what the runner itself wrote since Liquibase's last "commit": Liquibase opens each command with a
     * defensive rollback, which returns to the last savepoint. Call after writing outside Liquibase.
     */
    void checkpoint() throws liquibase.exception.DatabaseException {
        connection.commit();
    }

    /** Adds SQL the runner ran itself (outside Liquibase) to the record of written statements. */
    void recordWrittenSql(String sql) {
        writtenSql.add(sql);
    }

    /** The statements Liquibase has written so far, in order. */
    List<String> writtenSql() {
        return List.copyOf(writtenSql);
    }

    OneTransactionConnection connection() {
        return connection;
    }

    private void execute(String[] command, Map<String, Object> arguments, ChangeExecListener listener) throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), shippedChangelogs());
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new NoOpLogService());
        scope.put("liquibase.analytics.enabled", false);
        SqlListener recorder = new SqlListener() {
            @Override
            public void writeSqlWillRun(String sql) {
                writtenSql.add(sql);
            }
        };
        Scope.child(recorder, scope, () -> {
            CommandScope cmd = new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelogFile);
            arguments.forEach(cmd::addArgumentValue);
            if (listener != null) {
                cmd.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener);
            }
            cmd.setOutput(OutputStream.nullOutputStream());
            cmd.execute();
        });
    }

    /**
     * The changelogs of this build, read from exactly where this class was loaded (the jar, or target/classes
     * in development). Liquibase's classpath scanning can find a second copy (a checkout's changelogs/ folder
     * next to the classes directory) and then refuses to choose; this cannot.
     */
    private static ResourceAccessor shippedChangelogs() throws Exception {
        java.nio.file.Path home = java.nio.file.Path.of(LiquibaseSession.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return java.nio.file.Files.isDirectory(home) ? new DirectoryResourceAccessor(home) : new ZipResourceAccessor(home);
    }

    /** Forgets Liquibase's per-database caches, so that the next run in this JVM starts clean. */
    @Override
    public void close() {
        LockServiceFactory.getInstance().resetAll();
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
    }
}
