package io.github.catalogrollback.runner;

/**
 * Where a run reports its steps as they happen, inside the transaction (before COMMIT): the runner only calls this,
 * the CLI decides how to show it (live lines or JSON objects on stderr, heartbeats while a step runs).
 */
public interface Progress {

    /** Reports nothing: for callers that only want the result. */
    Progress NONE = new Progress() {
    };

    /** A step began: its label ("48 → 47", "source 3 → 2 of warehouse") and what it does. */
    default void stepStarted(String label, String summary) {
    }

    /** A step ended, with its time; the run is still open and may still fail and roll back. */
    default void stepEnded(StepResult step) {
    }
}
