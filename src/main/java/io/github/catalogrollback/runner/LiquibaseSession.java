package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.safety.ToolSchema;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
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
 * in the tool's schema ({@link ToolSchema}), never in hdb_catalog. Records every statement Liquibase writes, so that a dry
 * run can show the exact SQL.
 */
final class LiquibaseSession implements AutoCloseable {

    /** The source changelog's history table (in the tool's schema, ToolSchema); its lock table is this name + "lock". */
    static final String SOURCE_HISTORY_TABLE = "source_databasechangelog";


    private final OneTransactionConnection connection;
    private final Database database;
    private final Connection raw;
    private final String changelogFile;
    private final List<String> writtenSql;
    private final List<String> notes = new ArrayList<>();

    /**
     * Wraps the run's connection (its transaction already open, the advisory lock held) for Liquibase. First settles
     * Liquibase's own lock row, see {@link #settleLiquibaseLock}.
     *
     * @throws RunFailure LOCKED when a stock Liquibase process may hold Liquibase's lock
     */
    LiquibaseSession(Connection raw) throws SQLException {
        this(raw, new OneTransactionConnection(warmedUp(raw)), ChangelogIndex.MASTER, null, new ArrayList<>());
    }

    /** {@code raw}, once Liquibase's warm-up on the other thread has ended ({@link LiquibaseWarmUp}). */
    private static Connection warmedUp(Connection raw) {
        LiquibaseWarmUp.await();
        return raw;
    }

    private LiquibaseSession(Connection raw, OneTransactionConnection connection, String changelogFile, String historyTable,
                             List<String> writtenSql) throws SQLException {
        this.raw = raw;
        this.changelogFile = changelogFile;
        this.writtenSql = writtenSql;
        settleLiquibaseLock(raw, ToolSchema.NAME + "." + (historyTable == null ? "databasechangelog" : historyTable) + "lock");
        try {
            connection.commit();
        } catch (liquibase.exception.DatabaseException e) {
            throw new SQLException(e.getMessage(), e);
        }
        LockServiceFactory.getInstance().register(new OneTransactionLockService());
        this.connection = connection;
        try {
            this.database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(connection);
        } catch (liquibase.exception.DatabaseException e) {
            throw new SQLException("Liquibase cannot use this connection: " + e.getMessage(), e);
        }
        database.setLiquibaseSchemaName(ToolSchema.NAME);
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
        return new LiquibaseSession(raw, connection, SourceChangelog.MASTER, SOURCE_HISTORY_TABLE, writtenSql);
    }

    /** Marks every changeset up to and including the tag as run, without running it (adoption). */
    void syncToTag(String tag) throws Exception {
        execute(ChangelogSyncToTagCommandStep.COMMAND_NAME, Map.of(ChangelogSyncToTagCommandStep.TAG_ARG.getName(), tag), null);
    }

    /**
     * Runs the rollback blocks of every changeset recorded after the tag, newest first; {@code timer} times each step and
     * hears that the last one ended when Liquibase returns.
     */
    void rollbackToTag(String tag, ChangesetTimer<?> timer) throws Exception {
        execute(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(), tag), timer, PathChangelog.Reach.rollbackTo(tag));
        timer.done();
    }

    /** Runs the forward blocks of every changeset not yet run, up to and including the tag; {@code timer} as above. */
    void updateToTag(String tag, ChangesetTimer<?> timer) throws Exception {
        execute(UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), tag), timer, PathChangelog.Reach.updateTo(tag));
        timer.done();
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

    /** What the session did on its own that the run's result should mention (a stale lock it cleared). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Liquibase's lock row (databasechangeloglock, or the source chain's), settled inside the run's transaction so that it costs no wait:
     * <ul>
     *   <li>the row is being changed by another session's open transaction (stock Liquibase taking or releasing its
     *       lock): refuse at once, naming the sessions that may be doing it;</li>
     *   <li>the row says locked (stock Liquibase commits its lock; a catalog-rollback run never does, it takes and
     *       releases it inside its one transaction) and another client is connected to the database: that may be
     *       the stock Liquibase process, so refuse, naming the lock's holder and the sessions;</li>
     *   <li>the row says locked and no other client is connected: no process can hold it any more (a killed stock
     *       Liquibase left it), so clear it, in this transaction: a run that rolls back leaves it as it was.</li>
     * </ul>
     * The row stays locked FOR UPDATE by this transaction until it ends, so no stock Liquibase can take the lock meanwhile.
     */
    private void settleLiquibaseLock(Connection raw, String lockTable) throws SQLException {
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery("SELECT to_regclass('" + lockTable + "') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return;
            }
        }
        Savepoint beforeRowLock = raw.setSavepoint();
        String lockedBy;
        String since;
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT locked, lockedby, to_char(lockgranted, 'YYYY-MM-DD HH24:MI:SS') FROM " + lockTable
                     + " WHERE id = 1 FOR UPDATE NOWAIT")) {
            raw.releaseSavepoint(beforeRowLock);
            if (!rs.next() || !rs.getBoolean(1)) {
                return;
            }
            lockedBy = rs.getString(2) == null ? "an unnamed process" : Printable.escape(rs.getString(2));
            since = rs.getString(3) == null ? "an unknown time" : rs.getString(3);
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            raw.rollback(beforeRowLock);
            throw new RunFailure(RunFailure.Kind.LOCKED, Messages.liquibaseLockChanging(lockTable, sessions(raw)));
        }
        String others = sessions(raw);
        if (!others.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.LOCKED, Messages.liquibaseLockHeld(lockTable, lockedBy, since, others));
        }
        String clear = "UPDATE " + lockTable + " SET locked = FALSE, lockgranted = NULL, lockedby = NULL WHERE id = 1";
        try (Statement st = raw.createStatement()) {
            st.executeUpdate(clear);
        }
        writtenSql.add(clear);
        notes.add(Messages.staleLiquibaseLockCleared(lockedBy, since));
    }

    /** The other client sessions on this database (catalog-rollback's own read-only commands aside), or "" when there are none. */
    private static String sessions(Connection raw) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = raw.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, coalesce(nullif(application_name, ''), 'no application name'),"
                     + " coalesce(host(client_addr), 'local'), coalesce(usename, '?') FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                     + " AND application_name IS DISTINCT FROM 'catalog-rollback' ORDER BY backend_start LIMIT 5")) {
            while (rs.next()) {
                found.add("pid " + rs.getInt(1) + " '" + Printable.escape(rs.getString(2)) + "' as " + Printable.escape(rs.getString(4))
                        + " from " + rs.getString(3));
            }
        }
        return String.join(", ", found);
    }

    /** The statements Liquibase has written so far, in order. */
    List<String> writtenSql() {
        return List.copyOf(writtenSql);
    }

    Database database() {
        return database;
    }

    OneTransactionConnection connection() {
        return connection;
    }

    private void execute(String[] command, Map<String, Object> arguments, ChangeExecListener listener) throws Exception {
        execute(command, arguments, listener, null);
    }

    /**
     * Runs one Liquibase command. {@code reach}: the files of master.yaml the command can touch (see {@link PathChangelog}),
     * or null for the whole changelog.
     */
    private void execute(String[] command, Map<String, Object> arguments, ChangeExecListener listener, PathChangelog.Reach reach)
            throws Exception {
        Map<String, Object> scope = quietScope();
        SqlListener recorder = new SqlListener() {
            @Override
            public void writeSqlWillRun(String sql) {
                writtenSql.add(sql);
            }
        };
        Scope.child(recorder, scope, () -> {
            ChangeLogParameters parameters = new ChangeLogParameters(database);
            parameters.addJavaProperties();
            parameters.addDefaultFileProperties();
            PathChangelog.Parsed changelog = PathChangelog.parse(raw, database, parameters, changelogFile, reach);
            CommandScope cmd = new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.file())
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, changelog.changelog())
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters);
            arguments.forEach(cmd::addArgumentValue);
            if (listener != null) {
                cmd.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, listener);
            }
            cmd.setOutput(OutputStream.nullOutputStream());
            cmd.execute();
        });
    }

    /** Liquibase's scope for every use of it here: the shipped changelogs, no logging, no console, no analytics. */
    static Map<String, Object> quietScope() throws Exception {
        LiquibaseWarmUp.await();
        return quietScopeValues();
    }

    /** {@link #quietScope()} without waiting for the warm-up: for the warm-up itself. */
    static Map<String, Object> quietScopeValues() throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), shippedChangelogs());
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(Scope.Attr.logService.name(), new NoOpLogService());
        scope.put("liquibase.analytics.enabled", false);
        return scope;
    }

    /**
     * The changelogs, read from exactly the classpath entry that {@link ChangelogIndex} reads them from (the jar, or
     * target/classes in development). Liquibase's classpath scanning can find a second copy (a checkout's changelogs/
     * folder next to the classes directory) and then refuses to choose; this cannot.
     */
    private static synchronized ResourceAccessor shippedChangelogs() throws Exception {
        if (shipped == null) {
            shipped = openShippedChangelogs();
        }
        return shipped;
    }

    /** The one accessor of the shipped changelogs, opened on first use (opening the jar as a file system costs a few ms). */
    private static ResourceAccessor shipped;

    private static ResourceAccessor openShippedChangelogs() throws Exception {
        java.nio.file.Path home = ChangelogIndex.classpathRoot();
        return java.nio.file.Files.isDirectory(home) ? new DirectoryResourceAccessor(home) : new ZipResourceAccessor(home);
    }

    /** Forgets Liquibase's per-database caches, so that the next run in this JVM starts clean. */
    @Override
    public void close() {
        LockServiceFactory.getInstance().resetAll();
        ChangeLogHistoryServiceFactory.getInstance().resetAll();
    }
}
