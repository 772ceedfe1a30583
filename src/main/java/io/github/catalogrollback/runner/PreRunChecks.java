package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.metadata.MetadataAccount;
import io.github.catalogrollback.metadata.MetadataDocument;
import io.github.catalogrollback.metadata.MetadataDowngradeCheck;
import io.github.catalogrollback.metadata.ToV1Losses;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import io.github.catalogrollback.safety.PathEffects;
import io.github.catalogrollback.safety.PrivilegeCheck;
import io.github.catalogrollback.safety.ShapeCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What refuses a run before it changes anything: a user who could not finish it, a catalog that differs from
 * its version's shape (real drift), objects Hasura never made that the path would destroy, signs of a running
 * Hasura, and metadata a v1 catalog cannot take. Each refusal is a
 * {@link RunFailure} of kind REFUSED; the overrides the operator passed switch the overridable ones off.
 */
final class PreRunChecks {

    private PreRunChecks() {
    }

    /**
     * What every verb needs before it reads: USAGE and SELECT on the schemas it reads, and tool tables whose reading
     * runs no other role's code (see {@link PrivilegeCheck#unsafeToRead}).
     */
    static void requireReadable(Connection c, DatabaseAddress address, String verb, List<String> schemas) throws SQLException {
        List<String> missing = PrivilegeCheck.missingToRead(c, schemas);
        if (!missing.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.lacksReadPrivileges(address, verb, missing));
        }
        List<String> unsafe = PrivilegeCheck.unsafeToRead(c, ToolSchema.NAME, List.of("databasechangelog", "run_history"));
        if (!unsafe.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.toolTablesUnsafeToRead(address, unsafe));
        }
    }

    /**
     * The ownership rule on the tool's schema, the first thing a run checks: nothing is read from, created in or written
     * to that schema before it holds (see {@link PrivilegeCheck#untrustedToolObjects}).
     */
    static void requireTrustedToolSchema(Connection c, DatabaseAddress address) throws SQLException {
        List<String> untrusted = PrivilegeCheck.untrustedToolObjects(c, ToolSchema.NAME);
        if (!untrusted.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.untrustedToolSchema(address, untrusted));
        }
    }

    /** What a run needs before it writes anything: ownership of the catalog and the right to use the tool's schema. */
    static void requirePrivileges(Connection c, DatabaseAddress address) throws SQLException {
        List<String> missing = PrivilegeCheck.missing(c, ToolSchema.NAME);
        if (!missing.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.lacksPrivileges(address, missing));
        }
    }

    /**
     * Privileges always; real drift (missing or different objects) unless --ignore-drift; foreign objects a step
     * would destroy unless --drop-foreign-objects; Hasura activity unless --force. Returns the catalog's
     * classification for the path, which the run carries through to its last check.
     */
    static DriftCheck.Classification refuseUnsafe(Connection c, DatabaseAddress address, CatalogVersion current, Path path,
                                                  CatalogRunner.Overrides overrides) throws SQLException {
        requirePrivileges(c, address);
        DriftCheck.Classification shape = ShapeCheck.classify(c, current, PathEffects.of(path));
        if (!overrides.ignoreDrift() && !shape.drift().isEmpty()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.drift(current, shape.drift()));
        }
        List<DriftCheck.Finding> destroyed = shape.of(DriftCheck.ShapeClass.FOREIGN_DESTROYED);
        if (!destroyed.isEmpty() && !overrides.dropForeignObjects()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.foreignObjectsDestroyed(destroyed));
        }
        if (!overrides.force()) {
            List<HasuraActivityCheck.Sign> signs = HasuraActivityCheck.look(c);
            if (!signs.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.REFUSED, Messages.hasuraRunning(address, signs));
            }
        }
        return shape;
    }

    /**
     * For a path that crosses 43 → 42: refuses metadata a v1 catalog cannot take at all, and v2-only metadata it
     * cannot keep unless the operator accepts losing it; returns the rows the step deletes, for the backup. {@code document}:
     * the catalog's metadata document as read in this transaction.
     */
    static List<DataLoss> toV1(Connection c, MetadataDocument document, Path path, CatalogRunner.Overrides overrides) throws SQLException {
        if (!path.crossesToV1()) {
            return List.of();
        }
        MetadataDowngradeCheck.Result result = MetadataDowngradeCheck.check(c, document);
        if (result.blocked()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.toV1Blocked(result.blockers()));
        }
        if (!result.lost().isEmpty() && !overrides.acceptMetadataLoss()) {
            throw new RunFailure(RunFailure.Kind.REFUSED, Messages.toV1WouldLose(
                    result.lost().stream().map(MetadataAccount.Item::path).toList(), path.to()));
        }
        return ToV1Losses.of(c, result);
    }

    /** The live catalog classified against the shape of its version, for the effects of the given paths. */
    static DriftCheck.Classification shape(Connection c, CatalogVersion version, List<Path> paths) throws SQLException {
        return ShapeCheck.classify(c, version, PathEffects.of(paths));
    }
}
