package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DataLoss;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a rollback, upgrade or init did. {@code from} is empty for init (there was no catalog). {@code losses}
 * is what the path dropped (with live counts) and {@code backupTable} where it was kept; {@code restoredRows}
 * what an upgrade with --restore-from put back. {@code sql} holds every statement run, for a dry run;
 * {@code notes} what the operator should know (history reconciled, adoption, restore skips).
 */
public record RunResult(String runId, String command, String database, Optional<CatalogVersion> from, CatalogVersion to,
                        List<StepResult> steps, Outcome outcome, Duration elapsed, List<DataLoss> losses,
                        Optional<String> backupTable, long restoredRows, List<String> notes, List<String> sql) {

    /** How a run ended when it did not fail. */
    public enum Outcome {
        /** The path ran and was committed. */
        COMMITTED,
        /** --dry-run: the path ran and passed its checks, then was rolled back on purpose. */
        REHEARSED,
        /** The catalog was already at the target. */
        NOTHING_TO_DO;

        /** The word --output json and the progress lines print: "committed", "rehearsed", "nothing-to-do". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public RunResult {
        steps = List.copyOf(steps);
        losses = List.copyOf(losses);
        notes = List.copyOf(notes);
        sql = List.copyOf(sql);
    }
}
