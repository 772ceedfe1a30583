package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.RunHistory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What one run knows about itself as it goes (mutable, one per run): its id, kind, start, the versions it moves
 * between and its backup table; it becomes the run's row in {@link RunHistory}.
 */
final class RunState {

    /** What a run does; its label is the {@code command} column of the run history. */
    enum Kind {
        ROLLBACK, UPGRADE, INIT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    final Kind kind;
    final boolean dryRun;
    final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    CatalogVersion from;
    CatalogVersion to;
    String backupTable;

    RunState(Kind kind, boolean dryRun, CatalogVersion to) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        this.id = (ID.format(started) + "_" + HexFormat.of().formatHex(suffix)).toLowerCase(Locale.ROOT);
        this.kind = kind;
        this.dryRun = dryRun;
        this.to = to;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * The backup table a user can restore from: none for a dry run, whose backup was rolled back with everything else,
     * so that neither its result nor `history` names a table that does not exist.
     */
    Optional<String> keptBackup() {
        return dryRun ? Optional.empty() : Optional.ofNullable(backupTable);
    }

    RunHistory.Entry entry(RunHistory.Outcome outcome, String message) {
        return new RunHistory.Entry(id, started, Instant.now(), "", System.getProperty("user.name"), kind.label(),
                Optional.ofNullable(from).map(CatalogVersion::number), Optional.ofNullable(to).map(CatalogVersion::number), dryRun,
                Optional.of(outcome), elapsed().toMillis(), keptBackup(), message);
    }
}
