package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.metadata.MetadataDocument;
import io.github.catalogrollback.metadata.MetadataDowngradeCheck;
import io.github.catalogrollback.metadata.ToV1Losses;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DataLossReport;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.RunHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verbs that only read: status, plan, verify and history. Each opens a read-only connection, takes no lock,
 * waits at most --lock-timeout for a lock another session holds, and changes nothing.
 */
final class ReadOnlyQueries {

    @FunctionalInterface
    private interface Reading<T> {
        T read(Connection c) throws SQLException;
    }

    private final ChangelogIndex index;
    private final Duration lockTimeout;

    ReadOnlyQueries(ChangelogIndex index, Duration lockTimeout) {
        this.index = index;
        this.lockTimeout = lockTimeout;
    }

    /** The catalog's version, where it can go, and the state of Liquibase's history. */
    private StatusResult status(Connection c, DatabaseAddress address) throws SQLException {
        CatalogVersion version = CatalogReader.readVersion(c, address, index);
        ChangelogHistoryState history = new ChangelogHistory(index).state(c, version);
        List<CatalogVersion> down = index.versions().stream().filter(v -> v.isBelow(version)).toList();
        List<CatalogVersion> up = index.versions().stream().filter(v -> v.isAbove(version)).toList();
        return new StatusResult(address.describe(), version, down, up, history, CatalogReader.sourceCatalog(c),
                everyPath(c, version).findings());
    }

    /** What a move to the target would do and what would stop it. */
    private PlanResult plan(Connection c, MetadataDocument document, DatabaseAddress address, Target target) throws SQLException {
        CatalogVersion current = CatalogReader.readVersion(c, address, index);
        Path path = index.path(current, target.version());
        List<DataLoss> losses = new ArrayList<>(DataLossReport.of(c, path));
        Optional<MetadataDowngradeCheck.Result> toV1 = Optional.empty();
        if (path.crossesToV1()) {
            MetadataDowngradeCheck.Result result = MetadataDowngradeCheck.check(c, document);
            losses.addAll(ToV1Losses.of(c, result));
            toV1 = Optional.of(result);
        }
        return new PlanResult(address.describe(), path, losses, PreRunChecks.shape(c, current, List.of(path)).findings(),
                HasuraActivityCheck.look(c), toV1);
    }

    /**
     * Status with every source catalog: the metadata database's own and every listed source's (each source database
     * read over a read-only connection). A database that holds only a source catalog is described as that.
     */
    StatusReport status(DatabaseAddress address, SourceMoves.Factory sources) {
        return read(address, "status", List.of("hdb_catalog", ToolSchema.NAME), c -> {
            try (SourceMoves s = sources.look(Optional.empty(), Direction.DOWN)) {
                if (SourceOnlyRun.applies(c)) {
                    s.surveyOwn(c);
                    return new StatusReport(Optional.empty(), address.describe(), s.reports());
                }
                StatusResult catalog = status(c, address);
                s.survey(c, address, index.path(catalog.version(), catalog.version()));
                return new StatusReport(Optional.of(catalog), address.describe(), s.reports());
            }
        });
    }

    /**
     * Plan with every source catalog: what the target needs of them and what each one would do. Where the metadata
     * catalog stays, the sources are shown as a rollback would move them (down to what the target starts with).
     */
    PlanReport plan(DatabaseAddress address, Target target, SourceTarget sourceTarget, SourceMoves.Factory sources) {
        return read(address, "plan", List.of("hdb_catalog"), c -> {
            if (SourceOnlyRun.applies(c)) {
                try (SourceMoves s = sources.look(Optional.of(sourceTarget), Direction.DOWN)) {
                    s.surveyOwn(c);
                    return new PlanReport(Optional.empty(), address.describe(), sourceTarget, s.reports());
                }
            }
            MetadataDocument document = MetadataDocument.read(c); // once, for the check and the sources
            PlanResult catalog = plan(c, document, address, target);
            Direction direction = catalog.path().to().isAbove(catalog.path().from()) ? Direction.UP : Direction.DOWN;
            try (SourceMoves s = sources.look(Optional.of(sourceTarget), direction)) {
                s.survey(c, document, address, catalog.path());
                return new PlanReport(Optional.of(catalog), address.describe(), sourceTarget, s.reports());
            }
        });
    }

    /** The live catalog against the shape of its version. */
    VerifyResult verify(DatabaseAddress address) {
        return read(address, "verify", List.of("hdb_catalog"), c -> {
            CatalogVersion current = CatalogReader.readVersion(c, address, index);
            return new VerifyResult(address.describe(), current, everyPath(c, current).findings());
        });
    }

    /**
     * The catalog classified for the way down to the lowest version and up to the highest together: a foreign object
     * is destroyed when a step on either way destroys it, and the finding names those steps.
     */
    private DriftCheck.Classification everyPath(Connection c, CatalogVersion version) throws SQLException {
        return PreRunChecks.shape(c, version, List.of(index.path(version, index.lowest()), index.path(version, index.highest())));
    }

    /** The runs recorded in the database, newest first. */
    List<RunHistory.Entry> history(DatabaseAddress address, int limit) {
        return read(address, "history", List.of(ToolSchema.NAME), c -> RunHistory.list(c, limit));
    }

    /**
     * Opens a read-only connection whose statements wait at most the lock timeout, refuses (REFUSED) a user who cannot
     * read the schemas the verb reads and tool tables whose reading could run another role's code, then reads. A lock
     * held past the timeout is LOCKED; any other failure of the connection is CONNECTION.
     */
    private <T> T read(DatabaseAddress address, String verb, List<String> schemas, Reading<T> reading) {
        try (Connection c = Connections.open(address)) {
            c.setReadOnly(true);
            Connections.setLockTimeout(c, lockTimeout, false);
            PreRunChecks.requireReadable(c, address, verb, schemas);
            return reading.read(c);
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new RunFailure(RunFailure.Kind.LOCKED, Messages.readLockTimeout(address, verb, lockTimeout), e);
            }
            throw new RunFailure(RunFailure.Kind.CONNECTION, Messages.readFailed(address, Printable.firstLine(e.getMessage())), e);
        }
    }
}
