package io.github.catalogrollback.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of a source catalog that tell its versions apart, as read from a live database: what each source
 * migration adds or removes, under the names older servers use to drop things (they drop indexes and constraints by
 * name, without IF EXISTS). It also tells the two different "4"s apart by shape, not by number:
 * <ul>
 *   <li><b>4a</b> (v2.22.0-beta.1 only): the {@code created_at} defaults of event_log and event_invocation_logs read
 *       {@code now() AT TIME ZONE 'utc'};</li>
 *   <li><b>4b</b> (v2.46+): {@code insert_event_log} maps an empty {@code hasura.user} / {@code hasura.tracecontext}
 *       to NULL with NULLIF.</li>
 * </ul>
 * Column order, other index names and function text are not compared: genuine source catalogs differ in them.
 */
public record SourceShape(boolean eventLog, boolean versionTable, Set<String> eventLogIndexes, List<String> invocationForeignKeys,
                          boolean cleanupsTable, boolean invocationTriggerName, boolean utcCreatedAt, boolean nullifInsertEventLog) {

    /** The foreign key source catalogs 1 and 2 have, by the name 2 → 3 drops. */
    public static final String INVOCATION_FOREIGN_KEY = "event_invocation_logs_event_id_fkey";
    /** The indexes 1 → 2 drops by name (event_log_locked_idx only in early builds, so it is not required). */
    public static final List<String> VERSION_1_INDEXES = List.of("event_log_delivered_idx", "event_log_created_at_idx");
    /** The partial index 1 → 2 creates. */
    public static final String FETCH_INDEX = "event_log_fetch_events";

    public SourceShape {
        eventLogIndexes = Set.copyOf(eventLogIndexes);
        invocationForeignKeys = List.copyOf(invocationForeignKeys);
    }

    /** "4a" or "4b" for a catalog whose shape is one of the two version-4 variants, else empty. */
    public String variant() {
        if (nullifInsertEventLog && utcCreatedAt) {
            return "4a+4b";
        }
        return nullifInsertEventLog ? "4b" : utcCreatedAt ? "4a" : "";
    }

    /** A variant in words, for status and plan. */
    public static String describeVariant(String variant) {
        return switch (variant) {
            case "4a" -> "4a: created_at defaults in UTC, as v2.22.0-beta.1 left it";
            case "4b" -> "4b: insert_event_log with NULLIF, as v2.46+ leave it";
            case "4a+4b" -> "4a and 4b together";
            default -> "";
        };
    }

    /** The lowest version whose shape this is, if any. */
    public Optional<SourceCatalogVersion> looksLike(SourceCatalogVersion highestKnown) {
        for (int n = 1; n <= highestKnown.number(); n++) {
            SourceCatalogVersion v = SourceCatalogVersion.of(n);
            if (mismatches(v).isEmpty()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** How this shape differs from the shape of {@code version}, in words; empty when it has that shape. */
    public List<String> mismatches(SourceCatalogVersion version) {
        int v = version.number();
        List<String> out = new ArrayList<>();
        if (!eventLog) {
            out.add("hdb_catalog.event_log is missing");
            return out;
        }
        if (!versionTable) {
            out.add("hdb_catalog.hdb_source_catalog_version is missing");
        }
        if (v < 1 || v > 4) {
            out.add("no source catalog " + v + " is known");
            return out;
        }
        boolean v3 = v >= 3;
        if (cleanupsTable != v3) {
            out.add("hdb_catalog.hdb_event_log_cleanups " + (v3 ? "is missing" : "exists (source catalog 3 adds it)"));
        }
        if (invocationTriggerName != v3) {
            out.add("event_invocation_logs.trigger_name " + (v3 ? "is missing" : "exists (source catalog 3 adds it)"));
        }
        if (v3 && !invocationForeignKeys.isEmpty()) {
            out.add("event_invocation_logs still references event_log (" + String.join(", ", invocationForeignKeys)
                    + "; source catalog 3 drops it)");
        }
        if (!v3 && !invocationForeignKeys.contains(INVOCATION_FOREIGN_KEY)) {
            out.add("foreign key " + INVOCATION_FOREIGN_KEY + " is missing");
        }
        boolean fetch = eventLogIndexes.contains(FETCH_INDEX);
        if (v >= 2 && !fetch) {
            out.add("index " + FETCH_INDEX + " is missing");
        }
        if (v == 1) {
            if (fetch) {
                out.add("index " + FETCH_INDEX + " exists (source catalog 2 adds it)");
            }
            VERSION_1_INDEXES.stream().filter(i -> !eventLogIndexes.contains(i)).forEach(i -> out.add("index " + i + " is missing"));
        }
        boolean four = utcCreatedAt || nullifInsertEventLog;
        if (v == 4 && !four) {
            out.add("neither version-4 variant: created_at defaults are not in UTC (4a) and insert_event_log has no NULLIF (4b)");
        }
        if (v < 4 && four) {
            out.add("it has the shape of a version 4 (" + variant() + ")");
        }
        return out;
    }
}
