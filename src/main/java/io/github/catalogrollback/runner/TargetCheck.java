package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.safety.CatalogShape;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ExpectedShapes;
import io.github.catalogrollback.safety.PathEffects;
import io.github.catalogrollback.safety.ShapeCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The checks before the only real COMMIT: the transaction is healthy (pgjdbc would turn a COMMIT of an aborted
 * transaction silently into a rollback), hdb_version says the target, Liquibase's history records exactly the
 * target's changesets, and the catalog has the target's shape plus exactly the foreign objects that were there
 * before and that the path keeps ({@link ShapeCheck#afterPath}). Any failure is a {@link RunFailure} of kind
 * ROLLED_BACK, and the transaction then ends with ROLLBACK.
 */
final class TargetCheck {

    /** What the catalog held before the steps, and whether real drift that was there may stay (--ignore-drift). */
    record Before(DriftCheck.Classification shape, boolean ignoreDrift) {
        /** An empty database: nothing may be there but the target's shape. */
        static Before nothing(CatalogVersion target) {
            return new Before(DriftCheck.Classification.empty(target), false);
        }
    }

    private TargetCheck() {
    }

    static void require(Connection c, DatabaseAddress address, ChangelogIndex index, CatalogVersion current, CatalogVersion target,
                        boolean checkShape, Before before) throws SQLException {
        if (c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.transactionAborted(current));
        }
        CatalogVersion after = CatalogReader.readVersion(c, address, index);
        if (!after.equals(target)) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.versionAfterSteps(after, target, current));
        }
        if (!new LinkedHashSet<>(new ChangelogHistory(index).recordedIds(c)).equals(index.changesetIdsUpTo(target))) {
            throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.historyAfterSteps(target, current));
        }
        if (checkShape) {
            DriftCheck.Classification shape = DriftCheck.classify(ExpectedShapes.require(target), CatalogShape.read(c), target,
                    PathEffects.none());
            List<ShapeCheck.Problem> problems = ShapeCheck.afterPath(before.shape(), shape, before.ignoreDrift());
            if (!problems.isEmpty()) {
                throw new RunFailure(RunFailure.Kind.ROLLED_BACK, Messages.shapeAfterSteps(problems, current));
            }
        }
    }
}
