package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import java.util.List;
import java.util.Optional;
import io.github.catalogrollback.metadata.MetadataDowngradeCheck;

/**
 * What a rollback or upgrade would do, read from the live database without changing it: the steps, what each
 * destroys (with live counts), the catalog's differences from its version's shape, classified for this path
 * ({@code shape}), and what would make the run refuse (real drift, foreign objects the path destroys, Hasura
 * activity, and for a path that crosses 43 → 42, metadata a v1 catalog cannot take or keep).
 */
public record PlanResult(String database, Path path, List<DataLoss> losses, List<DriftCheck.Finding> shape,
                         List<HasuraActivityCheck.Sign> activity, Optional<MetadataDowngradeCheck.Result> toV1) {

    public PlanResult {
        losses = List.copyOf(losses);
        shape = List.copyOf(shape);
        activity = List.copyOf(activity);
    }
}
