package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.safety.RunHistory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI calls: one method per verb, each handed to the class that does it. Rollback, upgrade and init
 * run in one {@link RunTransaction} ({@link MoveRun}, {@link InitRun}); status, plan, verify and history only
 * read ({@link ReadOnlyQueries}). Holds what every verb shares: the changelogs and the release map of this build.
 */
public final class CatalogRunner {

    private final ChangelogIndex index;
    private final ReleaseMap releases;
    private final Interruption interruption;

    /** A runner whose runs report where they stand to {@code interruption} (for the CLI's SIGTERM handling). */
    public CatalogRunner(ChangelogIndex index, ReleaseMap releases, Interruption interruption) {
        this.index = index;
        this.releases = releases;
        this.interruption = interruption;
    }

    public CatalogRunner(ChangelogIndex index, ReleaseMap releases) {
        this(index, releases, new Interruption());
    }

    /**
     * What a rollback or upgrade may do beyond the default safe behaviour. {@code dropForeignObjects}: back up and
     * drop the objects Hasura never made that a step would destroy, instead of refusing.
     */
    public record Overrides(boolean force, boolean ignoreDrift, boolean noBackup, boolean acceptMetadataLoss, boolean dropForeignObjects) {
        public static final Overrides NONE = new Overrides(false, false, false, false, false);
    }

    /** A rollback or upgrade. {@code restoreFrom} names a backup to put back after an upgrade. */
    public record MoveRequest(DatabaseAddress address, Direction direction, Target target, boolean dryRun, Duration lockTimeout,
                              Overrides overrides, Optional<String> restoreFrom) {
    }

    /** Creating a catalog in a database that has none. {@code checkShape} is off only when shapes are being generated. */
    public record InitRequest(DatabaseAddress address, Target target, boolean dryRun, Duration lockTimeout, boolean checkShape) {
    }

    public ChangelogIndex index() {
        return index;
    }

    public ReleaseMap releases() {
        return releases;
    }

    public RunResult move(MoveRequest request) {
        return new MoveRun(index, interruption).run(request);
    }

    public RunResult init(InitRequest request) {
        return new InitRun(index, interruption).run(request);
    }

    /**
     * Reads the catalog's version and history; changes nothing and takes no lock. Like every read-only verb, waits at
     * most {@code lockTimeout} for a lock another session holds, then fails with LOCKED.
     */
    public StatusResult status(DatabaseAddress address, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).status(address);
    }

    /** What a move to the target would do and what would stop it; changes nothing. */
    public PlanResult plan(DatabaseAddress address, Target target, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).plan(address, target);
    }

    /** The live catalog against the shape of its version; changes nothing. */
    public VerifyResult verify(DatabaseAddress address, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).verify(address);
    }

    /** The runs recorded in the database, newest first; changes nothing. */
    public List<RunHistory.Entry> history(DatabaseAddress address, int limit, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).history(address, limit);
    }
}
