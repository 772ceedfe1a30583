package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.HasuraActivityCheck;
import java.util.List;

/**
 * What a rollback or upgrade would do, read from the live database without changing it: the steps, what each
 * destroys (with live counts), and what would make the run refuse (drift, Hasura activity).
 */
public record PlanResult(String database, Path path, List<DataLoss> losses, List<DriftCheck.Finding> drift,
                         List<HasuraActivityCheck.Sign> activity) {

    public PlanResult {
        losses = List.copyOf(losses);
        drift = List.copyOf(drift);
        activity = List.copyOf(activity);
    }
}
