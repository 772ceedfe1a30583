package io.github.catalogrollback.metadata;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DataLossReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows the step 43 → 42 deletes so that the foreign keys of the v1 catalog hold, as data losses that the
 * run's backup keeps and {@code plan} reports: cron events whose trigger is not in the metadata (and their
 * invocation logs), and event invocation logs whose event no longer exists.
 */
public final class ToV1Losses {

    private ToV1Losses() {
    }

    public static List<DataLoss> of(Connection c, MetadataDowngradeCheck.Result result) throws SQLException {
        List<DataLoss> out = new ArrayList<>();
        String step = CatalogVersion.FIRST_V2 + " → " + CatalogVersion.FIRST_V2.previous();
        if (result.orphanCronEvents() > 0) {
            out.add(new DataLoss(step, "hdb_catalog.hdb_cron_events", List.of(), result.orphanCronEvents(),
                    result.orphanCronEvent("t"), "their cron trigger is not in the metadata"));
            String logs = "t.event_id IN (SELECT e.id FROM hdb_catalog.hdb_cron_events AS e WHERE "
                    + result.orphanCronEvent("e") + ")";
            long count = DataLossReport.count(c, "hdb_catalog.hdb_cron_event_invocation_logs", logs);
            if (count > 0) {
                out.add(new DataLoss(step, "hdb_catalog.hdb_cron_event_invocation_logs", List.of(), count, logs,
                        "invocation logs of those cron events"));
            }
        }
        if (result.orphanInvocationLogs() > 0) {
            out.add(new DataLoss(step, "hdb_catalog.event_invocation_logs", List.of(), result.orphanInvocationLogs(),
                    MetadataDowngradeCheck.orphanInvocationLog("t"), "their event no longer exists"));
        }
        return out;
    }
}
