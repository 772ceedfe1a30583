package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.metadata.MetadataDocument;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.PrivilegeCheck;
import io.github.catalogrollback.safety.SourceDataLoss;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reading the source catalogs before anything changes: what each one is ({@link #survey}, {@link #surveyOwn}), and the
 * refusals that must all pass before any of them moves ({@link #refuseUnsafe}).
 */
abstract sealed class SourceSurvey extends SourcePlan permits SourceMoves {

    SourceSurvey(SourceChangelog chain, SourceReleases releases, Optional<SourceTarget> target, Direction direction,
                SourceSelection selection, Mode mode, Duration lockTimeout) {
        super(chain, releases, target, direction, selection, mode, lockTimeout);
    }

    // --- 1. what each source catalog is and what happens to it -------------------------------------------------

    /**
     * Reads the metadata database's own source catalog and the sources its metadata lists; connects to every other
     * source database (for a run: in its own transaction, holding the run's lock there) and reads its source catalog;
     * decides what happens to each on {@code path} (for status: the empty path at the current version). Nothing
     * changes yet.
     */
    void survey(Connection metadata, DatabaseAddress metadataAddress, Path path) throws SQLException {
        survey(metadata, MetadataDocument.read(metadata), metadataAddress, path);
    }

    /** As {@link #survey(Connection, DatabaseAddress, Path)}, with the metadata document already read in this transaction. */
    void survey(Connection metadata, MetadataDocument document, DatabaseAddress metadataAddress, Path path) throws SQLException {
        SourceCatalogReader.State own = SourceCatalogReader.read(metadata);
        metadataCurrent = path.from();
        boolean crossesToV1 = path.crossesToV1();
        boolean crossesToV2 = path.from().isBelow(CatalogVersion.FIRST_V2) && !path.to().isBelow(CatalogVersion.FIRST_V2);
        boolean v1Target = target.map(SourceTarget::none).orElse(false);
        SourceDatabase.Session metadataSession = SourceDatabase.Session.of(metadata);
        for (SourceLocator.Located l : SourceLocator.locate(metadata, document, selection, own.versioned() || own.unversioned())) {
            Item item = new Item();
            item.name = l.name();
            item.origin = l.origin();
            item.eventTriggers = l.eventTriggers();
            items.add(item);
            Optional<DatabaseAddress> address = l.address();
            if (!l.postgres()) {
                item.reach = SourceReport.Reach.NOT_POSTGRES;
                item.notes.add("kind " + l.kind() + ": not a Postgres source, so it has no Postgres source catalog");
            } else if (l.skipped()) {
                item.reach = SourceReport.Reach.SKIPPED;
                item.notes.add(SourceMessages.sourceSkippedNote(target.flatMap(SourceTarget::highest)));
            } else if (l.metadataDatabase() || address.map(a -> sameAddress(a, metadataAddress)).orElse(false)) {
                attachToMetadataDatabase(item);
            } else if (address.isEmpty()) {
                item.reach = SourceReport.Reach.UNRESOLVED;
                item.problem = l.problem();
            } else if (v1Target) {
                item.reach = SourceReport.Reach.SEPARATE_DATABASE;
                item.database = address.get().describe();
                item.outcome = SourceReport.Outcome.UNCHANGED;
                item.notes.add(SourceMessages.sourceUnusedByV1Note());
            } else {
                reach(item, address.get(), metadataSession);
            }
        }
        boolean v1Catalog = path.from().isBelow(CatalogVersion.FIRST_V2);
        if (metadataItem == null && (own.versioned() || own.unversioned() && !v1Catalog || crossesToV2)) {
            Item item = new Item();
            item.name = crossesToV2 ? "default" : UNLISTED;
            item.origin = crossesToV2 ? "from_env " + SourceLocator.DATABASE_URL_ENV + ", as step 42 → 43 writes it into the metadata"
                    : "no source of the metadata names it";
            item.eventTriggers = crossesToV2 ? -1 : own.liveEventTriggers();
            items.add(0, item);
            attachToMetadataDatabase(item);
        }
        if (metadataItem != null) {
            metadataItem.state = own;
            decideMetadataDatabase(metadata, crossesToV1, crossesToV2);
        }
    }

    /**
     * A database that holds only a source catalog (no metadata catalog): that source catalog is the one the run
     * moves, in the run's transaction, as the metadata database's own would.
     */
    void surveyOwn(Connection c) throws SQLException {
        if (selection.namesSources()) {
            throw new RunFailure(RunFailure.Kind.USAGE, SourceMessages.sourceOnlyNamesSources());
        }
        Item item = new Item();
        item.name = UNLISTED;
        item.origin = "--database-url";
        items.add(item);
        attachToMetadataDatabase(item);
        item.database = "this database, which holds only a source catalog";
        item.state = SourceCatalogReader.read(c);
        item.eventTriggers = item.state.liveEventTriggers();
        decideMetadataDatabase(c, false, false);
    }

    /** Refuses a source-only database with a running Hasura (unless --force): sessions that look like graphql-engine. */
    void refuseHasuraOnOwn(Connection c, CatalogRunner.Overrides overrides) throws SQLException {
        if (metadataItem != null && !overrides.force()) {
            List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(c).stream().filter(HasuraActivityCheck.Sign::looksLikeHasura).toList();
            if (!signs.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceHasuraRunning(metadataItem.label(), signs));
            }
        }
    }

    /** Connects to a separate source database and reads it, unless it turns out to be a database seen already. */
    private void reach(Item item, DatabaseAddress address, SourceDatabase.Session metadataSession) throws SQLException {
        item.reach = SourceReport.Reach.SEPARATE_DATABASE;
        item.database = address.describe();
        try {
            item.db = SourceDatabase.open(address, mode == Mode.RUN, lockTimeout);
        } catch (RunFailure e) {
            item.reach = SourceReport.Reach.UNREACHABLE;
            item.problem = SourceMessages.phrase(e.getMessage());
            return;
        }
        Connection c = item.db.connection();
        if (metadataSession.sameDatabaseAs(c)) {
            item.db.close();
            item.db = null;
            attachToMetadataDatabase(item);
            return;
        }
        for (Item other : items) {
            if (other.db != null && other != item && other.db.session().sameDatabaseAs(c)) {
                item.db.close();
                item.db = null;
                item.outcome = SourceReport.Outcome.UNCHANGED;
                item.notes.add("the same database as source " + other.name + ", which moves it");
                return;
            }
        }
        item.state = SourceCatalogReader.read(c);
        if (item.eventTriggers < 0) {
            item.eventTriggers = item.state.liveEventTriggers();
        }
        if (target.isEmpty()) {
            describeForStatus(item);
            return;
        }
        if (!item.state.versioned()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v != null) {
            decide(item, v, target.get());
            if (direction == Direction.DOWN) {
                item.losses = SourceDataLoss.of(c, item.steps);
            }
        }
    }

    // --- 3. before anything changes ----------------------------------------------------------------------------

    /**
     * Refuses, changing nothing, a source that cannot be reached or resolved, is locked by another run, lacks
     * privileges, differs from the shape of its version (unless --ignore-drift), or has a running Hasura (unless
     * --force).
     */
    void refuseUnsafe(CatalogRunner.Overrides overrides) throws SQLException {
        for (Item item : items) {
            if (!item.problem.isEmpty() && item.reach == SourceReport.Reach.UNREACHABLE) {
                throw new RunFailure(RunFailure.Kind.CONNECTION, SourceMessages.sourceUnreachable(item.label(), item.problem));
            }
            if (!item.problem.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceRefused(item.label(), item.problem));
            }
            if (item.steps.isEmpty() || item.createdByRun) {
                continue;
            }
            if (!overrides.ignoreDrift()) {
                List<String> mismatches = item.state.shape().mismatches(item.from.get());
                if (!mismatches.isEmpty()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceDrift(item.label(), item.from.get(), mismatches));
                }
            }
            if (item.db == null) {
                continue;
            }
            if (!item.db.locked()) {
                throw new RunFailure(RunFailure.Kind.LOCKED, SourceMessages.sourceLocked(item.label()));
            }
            List<String> missing = PrivilegeCheck.missing(item.db.connection(), ToolSchema.NAME);
            if (!missing.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceLacksPrivileges(item.label(), item.db.address().user(), missing));
            }
            if (!overrides.force()) {
                List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(item.db.connection()).stream()
                        .filter(HasuraActivityCheck.Sign::looksLikeHasura).toList();
                if (!signs.isEmpty()) {
                    throw new RunFailure(RunFailure.Kind.REFUSED, SourceMessages.sourceHasuraRunning(item.label(), signs));
                }
            }
        }
    }

    /** True when a separate source database holds the backup of run {@code runId}. */
    boolean holdsBackup(String runId) throws SQLException {
        for (Item item : items) {
            if (item.db != null && Backup.exists(item.db.connection(), runId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the metadata database's own source steps destroy, for the metadata run's backup. Invocation logs the
     * metadata path deletes already (43 → 42 deletes them too) are left to that path's own loss.
     */
    List<DataLoss> metadataDatabaseLosses(List<DataLoss> metadataLosses) {
        if (metadataItem == null) {
            return List.of();
        }
        return metadataItem.losses.stream().filter(l -> l.filter().isEmpty() || metadataLosses.stream()
                .noneMatch(m -> m.table().equals(l.table()) && m.wholeRows() && !m.filter().isEmpty())).toList();
    }

    /** The metadata run saved the metadata database's source losses in its backup table too. */
    void metadataDatabaseBackedUp(String table) {
        if (metadataItem != null && metadataItem.losses.stream().anyMatch(l -> l.count() > 0)) {
            metadataItem.backupTable = Optional.of(table);
        }
    }
}
