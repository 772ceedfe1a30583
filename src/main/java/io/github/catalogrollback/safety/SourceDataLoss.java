package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.SourceStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the down steps of a source catalog destroy, with numbers from the live database. Only 3 → 2 loses data (the
 * source changelog labels it data-loss): the event-log clean-up schedule (hdb_event_log_cleanups), the
 * trigger_name of every invocation log, and the invocation logs whose event no longer exists (the foreign key that
 * 3 → 2 restores cannot hold them). {@link Backup} keeps all three, and {@code upgrade --restore-from} puts them back.
 */
public final class SourceDataLoss {

    static final String CLEANUPS = "hdb_catalog.hdb_event_log_cleanups";
    static final String INVOCATION_LOGS = "hdb_catalog.event_invocation_logs";

    private SourceDataLoss() {
    }

    /** The condition (on alias {@code t}) of invocation logs whose event is gone, as the 3 → 2 rollback deletes them. */
    public static String orphanInvocationLog() {
        return "t.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hdb_catalog.event_log AS ev WHERE ev.id = t.event_id)";
    }

    /**
     * The losses of the given source steps, in this database's source catalog (which must be at the first step's
     * version). Steps up and steps that lose nothing contribute nothing.
     */
    public static List<DataLoss> of(Connection c, List<SourceStep> steps) throws SQLException {
        List<DataLoss> out = new ArrayList<>();
        for (SourceStep step : steps) {
            if (!step.isDown() || !step.losesData()) {
                continue;
            }
            if (step.from().number() != 3) {
                throw new IllegalStateException(step + " is labelled data-loss, but this build does not know what it loses");
            }
            String label = step.toString();
            out.add(new DataLoss(label, CLEANUPS, List.of(), DataLossReport.count(c, CLEANUPS, "true")));
            out.add(new DataLoss(label, INVOCATION_LOGS, List.of("trigger_name"), DataLossReport.count(c, INVOCATION_LOGS, "t.trigger_name IS NOT NULL")));
            out.add(new DataLoss(label, INVOCATION_LOGS, List.of(), DataLossReport.count(c, INVOCATION_LOGS, orphanInvocationLog()),
                    orphanInvocationLog(), "their event no longer exists; the foreign key that " + label + " adds back cannot hold them"));
        }
        return out;
    }
}
