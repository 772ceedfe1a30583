package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.safety.RunHistory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the CLI calls: one method per verb, each handed to the class that does it. Rollback, upgrade and init
 * run in one {@link RunTransaction} ({@link MoveRun}, {@link InitRun}; the source databases a move touches each in
 * one more, {@link SourceMoves}); status, plan, verify and history only read ({@link ReadOnlyQueries}). Holds what
 * every verb shares: the changelogs and the release maps of this build.
 */
public final class CatalogRunner {

    /** How long a step waits for a lock on a catalog table unless the operator says otherwise. */
    public static final String DEFAULT_LOCK_TIMEOUT_SECONDS = "10";

    private final ChangelogIndex index;
    private final ReleaseMap releases;
    private final Interruption interruption;
    private SourceChangelog sourceChangelog;
    private SourceReleases sourceReleases;

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

    /** A rollback or upgrade of the metadata catalog and of every source catalog (or of a source-only database's). */
    public MoveResult move(MoveRequest request, SourceSelection sources) {
        return move(request, sources, Progress.NONE);
    }

    /** A rollback or upgrade that reports each step to {@code progress} as it ends, before COMMIT. */
    public MoveResult move(MoveRequest request, SourceSelection sources, Progress progress) {
        return new MoveRun(index, interruption, sourceChangelog(), sourceReleases()).run(request, sources, sourceTarget(request.target()),
                progress);
    }

    public RunResult init(InitRequest request) {
        return init(request, Progress.NONE);
    }

    public RunResult init(InitRequest request, Progress progress) {
        return new InitRun(index, interruption).run(request, progress);
    }

    /**
     * Reads the catalog's version and history, and every source catalog; changes nothing and takes no lock. Like every
     * read-only verb, waits at most {@code lockTimeout} for a lock another session holds, then fails with LOCKED.
     */
    public StatusReport status(DatabaseAddress address, Duration lockTimeout, SourceSelection sources) {
        return new ReadOnlyQueries(index, lockTimeout).status(address, new SourceMoves.Factory(sourceChangelog(), sourceReleases(), sources));
    }

    /** What a move to the target would do, to the catalog and to every source catalog, and what would stop it; changes nothing. */
    public PlanReport plan(DatabaseAddress address, Target target, Duration lockTimeout, SourceSelection sources) {
        return new ReadOnlyQueries(index, lockTimeout).plan(address, target, sourceTarget(target),
                new SourceMoves.Factory(sourceChangelog(), sourceReleases(), sources));
    }

    /**
     * What a target needs of every source catalog: what its release ships (--to-release), or the highest version every
     * release of its catalog version starts with (--to-version).
     */
    public SourceTarget sourceTarget(Target target) {
        return target.release().flatMap(releases::find).map(sourceReleases()::forRelease)
                .orElseGet(() -> sourceReleases().forCatalog(target.version()));
    }

    /** The source changelog of this build, read on first use. */
    public SourceChangelog sourceChangelog() {
        if (sourceChangelog == null) {
            sourceChangelog = SourceChangelog.load();
        }
        return sourceChangelog;
    }

    /** The source catalog version of every release, read on first use. */
    public SourceReleases sourceReleases() {
        if (sourceReleases == null) {
            sourceReleases = SourceReleases.load(releases);
        }
        return sourceReleases;
    }

    /** The live catalog against the shape of its version; changes nothing. */
    public VerifyResult verify(DatabaseAddress address, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).verify(address);
    }

    /**
     * The SQL script of the path from {@code from} to the target, written with no database (see {@link OfflineScript}).
     *
     * @throws RunFailure REFUSED for a version outside the changelogs, USAGE when both versions are the same
     */
    public String offlineScript(CatalogVersion from, Target target) {
        CatalogReader.requireKnown(from, index, "starting catalog version");
        if (from.equals(target.version())) {
            throw new RunFailure(RunFailure.Kind.USAGE, Messages.noSteps(from));
        }
        return new OfflineScript(index, releases).write(from, target.version(),
                Duration.ofSeconds(Long.parseLong(DEFAULT_LOCK_TIMEOUT_SECONDS)));
    }

    /** The runs recorded in the database, newest first; changes nothing. */
    public List<RunHistory.Entry> history(DatabaseAddress address, int limit, Duration lockTimeout) {
        return new ReadOnlyQueries(index, lockTimeout).history(address, limit);
    }
}
