package io.github.catalogrollback.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * Where the run of this process stands, for a shutdown hook (SIGTERM, Ctrl-C) to say truthfully what an interruption
 * left: {@link RunTransaction} reports entering its transaction, starting its COMMIT and ending; the hook calls
 * {@link #interrupt()}. Once interrupted, the run can no longer start its COMMIT, so "rolled back" stays true. One per
 * process (the CLI makes it and hands it to the runner); thread-safe.
 */
public final class Interruption {

    /** What an interruption left behind. */
    public enum Outcome {
        /** No run transaction was open (a read-only command, or before or after a run's transaction): nothing changed. */
        NOTHING_RUNNING,
        /** The run's transaction was open and had not started its COMMIT: it is rolled back, nothing changed. */
        ROLLED_BACK,
        /** The COMMIT had been sent: whether it took effect is not known here. */
        COMMIT_UNDER_WAY,
        /** The run had committed before the interruption. */
        COMMITTED
    }

    private enum Phase { IDLE, IN_TRANSACTION, COMMITTING, COMMITTED, INTERRUPTED }

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.IDLE);
    private volatile Connection connection;

    /** The run's transaction is open on this connection (after an interruption it stays unable to commit). */
    void entered(Connection c) {
        if (phase.compareAndSet(Phase.IDLE, Phase.IN_TRANSACTION)) {
            connection = c;
        }
    }

    /** The run wants to COMMIT; false once interrupted (it must roll back instead). */
    boolean mayCommit() {
        return phase.compareAndSet(Phase.IN_TRANSACTION, Phase.COMMITTING);
    }

    /** The COMMIT went through. */
    void committed() {
        phase.compareAndSet(Phase.COMMITTING, Phase.COMMITTED);
        connection = null;
    }

    /** The transaction ended without a COMMIT (rolled back, dry run, nothing to do). */
    void rolledBack() {
        phase.compareAndSet(Phase.IN_TRANSACTION, Phase.IDLE);
        connection = null;
    }

    /**
     * True once {@link #interrupt()} ran: no transaction can open or commit any more, and the command's own error
     * (which follows from the closed connection) is not worth printing.
     */
    public boolean interrupted() {
        return phase.get() == Phase.INTERRUPTED;
    }

    /**
     * Stops the run: an open transaction can no longer commit, its running statement is cancelled and its connection
     * closed, so PostgreSQL rolls it back at once and frees its locks. Says what that left.
     */
    public Outcome interrupt() {
        while (true) {
            Phase now = phase.get();
            switch (now) {
                case IN_TRANSACTION -> {
                    if (phase.compareAndSet(Phase.IN_TRANSACTION, Phase.INTERRUPTED)) {
                        abort(connection);
                        return Outcome.ROLLED_BACK;
                    }
                }
                case INTERRUPTED -> {
                    return connection == null ? Outcome.NOTHING_RUNNING : Outcome.ROLLED_BACK;
                }
                case COMMITTING -> {
                    return Outcome.COMMIT_UNDER_WAY;
                }
                case COMMITTED -> {
                    return Outcome.COMMITTED;
                }
                case IDLE -> {
                    if (phase.compareAndSet(Phase.IDLE, Phase.INTERRUPTED)) {
                        return Outcome.NOTHING_RUNNING;
                    }
                }
            }
        }
    }

    private static void abort(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // The statement ends with the connection below anyway.
        }
        try {
            c.abort(Runnable::run);
        } catch (SQLException ignored) {
            // Already closed: PostgreSQL has rolled the transaction back.
        }
    }
}
