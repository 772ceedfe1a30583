package io.github.catalogrollback.runner;

/**
 * A run that did not do what was asked. Its message is the one line an operator reads: what went wrong,
 * whether the database changed, and what to do next. It never contains a password or a URL with one.
 */
public final class RunFailure extends RuntimeException {

    /** Why the run stopped; the CLI maps each kind to one exit code. */
    public enum Kind {
        /** The input itself is wrong (malformed URL, conflicting options). */
        USAGE,
        /** Refused before changing anything (unknown version or release, no catalog, wrong direction, ...). */
        REFUSED,
        /** Another catalog-rollback run holds the lock. */
        LOCKED,
        /** A step or a check failed; the whole run was rolled back. */
        ROLLED_BACK,
        /** Cannot connect or authenticate. */
        CONNECTION
    }

    private final Kind kind;

    public RunFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RunFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
