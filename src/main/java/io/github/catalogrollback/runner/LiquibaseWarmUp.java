package io.github.catalogrollback.runner;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import liquibase.Scope;
import liquibase.SingletonScopeManager;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandFactory;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.executor.ExecutorService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.sqlgenerator.SqlGeneratorFactory;

/**
 * Liquibase's start-up, done on a second thread while the main thread reads the changelog index, builds the command
 * line and connects: the root Scope, and the service loading of its factories (databases, command steps, SQL
 * generators, change types, changelog parsers), which takes a run ~0.1 s of cold code and waits on nothing the main
 * thread does. Liquibase's scope and factories are not made for two threads at once, so every use of Liquibase on
 * the main thread first waits for the warm-up to end ({@link #await}); a failure of the warm-up is only a lost
 * head start (the main thread then initialises Liquibase itself, and meets any real problem there).
 */
public final class LiquibaseWarmUp {

    private static volatile CompletableFuture<Void> running;

    private LiquibaseWarmUp() {
    }

    /**
     * Starts the warm-up, once per process; call it first thing in main(), before anything else touches Liquibase.
     * The scope manager is set on this thread first, so that the warm-up thread inherits it and the root scope it
     * makes is the one this thread uses afterwards.
     */
    public static synchronized void start() {
        if (running != null) {
            return;
        }
        Scope.setScopeManager(new SingletonScopeManager());
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                warm();
            } catch (Throwable ignored) {
                // Only a lost head start: the main thread initialises what is left and meets any real problem itself.
            } finally {
                done.complete(null);
            }
        }, "liquibase-warm-up");
        thread.setDaemon(true);
        running = done;
        thread.start();
    }

    /** Waits until the warm-up (if one was started) has ended; every use of Liquibase on the main thread calls this first. */
    static void await() {
        CompletableFuture<Void> done = running;
        if (done == null) {
            return;
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Never completed exceptionally (see start).
        }
    }

    private static void warm() throws Exception {
        Scope.child(LiquibaseSession.quietScopeValues(), () -> {
            Scope scope = Scope.getCurrentScope();
            DatabaseFactory.getInstance().getImplementedDatabases();
            LockServiceFactory.getInstance();
            ChangeLogHistoryServiceFactory.getInstance();
            CommandFactory commands = scope.getSingleton(CommandFactory.class);
            commands.getCommandDefinition(RollbackCommandStep.COMMAND_NAME);
            commands.getCommandDefinition(UpdateToTagCommandStep.COMMAND_NAME);
            SqlGeneratorFactory.getInstance();
            scope.getSingleton(ChangeFactory.class).getDefinedChanges();
            scope.getSingleton(ExecutorService.class);
            ChangeLogParserFactory.getInstance().getParser("master.yaml", scope.getResourceAccessor());
        });
    }
}
