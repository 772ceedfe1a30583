package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a live catalog with the shape its version must have, by definition: names of constraints,
 * indexes and triggers, column order and body text may differ (genuine catalogs differ in them), and a
 * catalog at 43 or above may also hold the source-catalog objects of a metadata database that is also the
 * default source (event_log and friends), and any catalog the trigger functions of its event triggers
 * (notify_hasura_*). Everything else that differs is a finding.
 */
public final class DriftCheck {

    /** Objects a v2 metadata database keeps when it is also a data source (v1-born catalogs). */
    private static final Set<String> SOURCE_TABLES = Set.of("hdb_catalog.event_log", "hdb_catalog.event_invocation_logs",
            "hdb_catalog.hdb_source_catalog_version", "hdb_catalog.hdb_event_log_cleanups");

    /** One difference between the live catalog and the expected shape. */
    public record Finding(String what, CatalogShape.Item item) {
        @Override
        public String toString() {
            return what + " " + item;
        }
    }

    private DriftCheck() {
    }

    public static List<Finding> compare(CatalogShape expected, CatalogShape actual, CatalogVersion version) {
        Map<String, CatalogShape.Item> want = byDefinition(expected);
        Map<String, CatalogShape.Item> have = byDefinition(actual);
        List<Finding> findings = new ArrayList<>();
        want.forEach((key, item) -> {
            if (!have.containsKey(key)) {
                findings.add(new Finding("missing", item));
            }
        });
        have.forEach((key, item) -> {
            if (!want.containsKey(key) && !allowedExtra(item, version)) {
                findings.add(new Finding("unexpected", item));
            }
        });
        return findings;
    }

    private static Map<String, CatalogShape.Item> byDefinition(CatalogShape shape) {
        Map<String, CatalogShape.Item> out = new LinkedHashMap<>();
        for (CatalogShape.Item item : shape.items()) {
            if (!item.isBody()) {
                out.putIfAbsent(item.definitionKey(), item);
            }
        }
        return out;
    }

    private static boolean allowedExtra(CatalogShape.Item item, CatalogVersion version) {
        if (isEventTriggerFunction(item)) {
            return true;
        }
        if (version.isBelow(CatalogVersion.FIRST_V2)) {
            return false;
        }
        if (SOURCE_TABLES.contains(item.owner()) || SOURCE_TABLES.contains(item.name())) {
            return true;
        }
        return item.kind().equals("function") && item.owner().equals("hdb_catalog") && item.name().startsWith("insert_event_log(");
    }

    /**
     * The per-trigger functions graphql-engine creates for every event trigger: hdb_views.notify_hasura_* in v1,
     * hdb_catalog.notify_hasura_* in v2. They are metadata made real, not part of a version's shape.
     */
    private static boolean isEventTriggerFunction(CatalogShape.Item item) {
        return item.kind().equals("function") && item.name().startsWith("notify_hasura_")
                && (item.owner().equals("hdb_catalog") || item.owner().equals("hdb_views"));
    }
}
