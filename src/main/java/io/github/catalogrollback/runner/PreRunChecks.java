package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.metadata.MetadataDowngradeCheck;
import io.github.catalogrollback.metadata.ToV1Losses;
import io.github.catalogrollback.safety.Backup;
import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ExpectedShapes;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.PrivilegeCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What refuses a run before it changes anything: a user who could not finish it, a catalog that differs from
 * its version's shape, signs of a running Hasura, and metadata a v1 catalog cannot take. Each refusal is a
 * {@link RunFailure} of kind REFUSED; the overrides the operator passed switch the overridable ones off.
 */
final class PreRunChecks {

    private PreRunChecks() {
    }

    static void requirePrivileges(Connection c, DatabaseAddress address) throws SQLException {
        List<String> missing = PrivilegeCheck.missing(c, Backup.SCHEMA);
        if (!missing.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.lacksPrivileges(address, missing));
        }
    }

    /** Privileges always; drift and Hasura activity unless overridden. */
    static void refuseUnsafe(Connection c, DatabaseAddress address, CatalogVersion current, CatalogRunner.Overrides overrides)
            throws SQLException {
        requirePrivileges(c, address);
        if (!overrides.ignoreDrift()) {
            List<DriftCheck.Finding> findings = drift(c, current);
            if (!findings.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.drift(current, findings));
            }
        }
        if (!overrides.force()) {
            List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(c);
            if (!signs.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.hasuraRunning(address, signs));
            }
        }
    }

    /**
     * For a path that crosses 43 → 42: refuses metadata a v1 catalog cannot take at all, and v2-only metadata it
     * cannot keep unless the operator accepts losing it; returns the rows the step deletes, for the backup.
     */
    static List<DataLoss> toV1(Connection c, Path path, CatalogRunner.Overrides overrides) throws SQLException {
        if (!path.crossesToV1()) {
            return List.of();
        }
        MetadataDowngradeCheck.Result result = MetadataDowngradeCheck.check(c);
        if (result.blocked()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.toV1Blocked(result.blockers()));
        }
        if (!result.cannotKeep().isEmpty() && !overrides.acceptMetadataLoss()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.toV1WouldLose(result.cannotKeepSummary()));
        }
        return ToV1Losses.of(c, result);
    }

    /** The live catalog against the shape of its version. */
    static List<DriftCheck.Finding> drift(Connection c, CatalogVersion version) throws SQLException {
        return DriftCheck.compare(ExpectedShapes.require(version), CatalogShape.read(c), version);
    }
}
