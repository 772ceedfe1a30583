package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.safety.DriftCheck.Classification;
import io.github.catalogrollback.safety.DriftCheck.Finding;
import io.github.catalogrollback.safety.DriftCheck.ShapeClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every difference between a catalog and the shape of its version is sorted into a class: genuine variants pass,
 * foreign objects are kept or destroyed by the path (with the step), and only missing or different objects are
 * drift. Pure logic on shapes; the shapes of real versions come from the shipped shape files.
 */
class DriftCheckTest {

    private static final ChangelogIndex INDEX = ChangelogIndex.load();

    private static CatalogShape shape(CatalogShape.Item... items) {
        return new CatalogShape(new TreeSet<>(Set.of(items)));
    }

    private static CatalogShape.Item item(String kind, String owner, String name, String definition) {
        return new CatalogShape.Item(kind, owner, name, definition);
    }

    /** The shipped shape of a version, with items added. */
    private static CatalogShape expectedPlus(int version, CatalogShape.Item... extra) {
        TreeSet<CatalogShape.Item> items = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(version)).items());
        items.addAll(List.of(extra));
        return new CatalogShape(items);
    }

    private static Classification classify(CatalogShape live, int version, int target) {
        return DriftCheck.classify(ExpectedShapes.require(CatalogVersion.of(version)), live, CatalogVersion.of(version),
                PathEffects.of(INDEX.path(CatalogVersion.of(version), CatalogVersion.of(target))));
    }

    private static Finding only(Classification c) {
        assertEquals(1, c.findings().size(), c.findings().toString());
        return c.findings().get(0);
    }

    private static final CatalogShape.Item TABLE = item("table", "hdb_catalog.hdb_version", "hdb_catalog.hdb_version", "");
    private static final CatalogShape.Item COLUMN = item("column", "hdb_catalog.hdb_version", "version", "text not null");
    private static final CatalogShape.Item PKEY = item("constraint", "hdb_catalog.hdb_version", "hdb_version_pkey", "PRIMARY KEY (hasura_uuid)");

    @Test
    void primaryKeyNamedByAnOldUpgradeIsNotADifference() {
        CatalogShape upgradedThrough8To9 = shape(TABLE, COLUMN, item("constraint", "hdb_catalog.hdb_version", "hasura_uuid_pkey",
                "PRIMARY KEY (hasura_uuid)"));
        assertEquals(List.of(), DriftCheck.classify(shape(TABLE, COLUMN, PKEY), upgradedThrough8To9, CatalogVersion.of(47),
                PathEffects.none()).findings());
    }

    @Test
    void aChangedColumnIsDifferentAndIsTheOnlyDrift() {
        CatalogShape altered = shape(TABLE, PKEY, item("column", "hdb_catalog.hdb_version", "version", "text"));
        Finding f = only(DriftCheck.classify(shape(TABLE, COLUMN, PKEY), altered, CatalogVersion.of(48), PathEffects.none()));
        assertEquals(ShapeClass.MISSING_OR_DIFFERENT, f.shapeClass());
        assertEquals("missing or different: column hdb_catalog.hdb_version version: text not null — different: the catalog has text",
                f.toString());
    }

    @Test
    void bodiesAreNotComparedByDefinition() {
        CatalogShape.Item body = item("function-body", "hdb_catalog", "gen_hasura_uuid()", "aaaa");
        CatalogShape.Item otherBody = item("function-body", "hdb_catalog", "gen_hasura_uuid()", "bbbb");
        assertEquals(List.of(), DriftCheck.compare(shape(TABLE, body), shape(TABLE, otherBody), CatalogVersion.of(48)));
    }

    @Test
    void pgcryptosGenRandomUuidInAnySchemaIsTheSameCallAsTheBuiltIn() {
        CatalogShape expected = shape(TABLE, item("column", "hdb_catalog.hdb_version", "hasura_uuid", "uuid not null default gen_random_uuid()"));
        for (String schema : List.of("public", "extensions")) {
            CatalogShape live = shape(TABLE, item("column", "hdb_catalog.hdb_version", "hasura_uuid",
                    "uuid not null default " + schema + ".gen_random_uuid()"));
            Finding f = only(DriftCheck.classify(expected, live, CatalogVersion.of(40), PathEffects.none()));
            assertEquals(ShapeClass.GENUINE_VARIANT, f.shapeClass(), f.toString());
            assertTrue(f.detail().contains("pgcrypto"), f.toString());
        }
        CatalogShape other = shape(TABLE, item("column", "hdb_catalog.hdb_version", "hasura_uuid", "uuid not null default my_uuid()"));
        assertEquals(ShapeClass.MISSING_OR_DIFFERENT, only(DriftCheck.classify(expected, other, CatalogVersion.of(40), PathEffects.none()))
                .shapeClass(), "another function is another call");
    }

    @Test
    void nullableHdbTableConfigurationIsGenuineFrom24To42Only() {
        CatalogShape.Item notNull = item("column", "hdb_catalog.hdb_table", "configuration", "jsonb not null default '{}'::jsonb");
        CatalogShape.Item nullable = item("column", "hdb_catalog.hdb_table", "configuration", "jsonb");
        for (int version : List.of(24, 40, 42)) {
            assertEquals(ShapeClass.GENUINE_VARIANT, only(DriftCheck.classify(shape(notNull), shape(nullable), CatalogVersion.of(version),
                    PathEffects.none())).shapeClass(), "catalog " + version);
        }
        assertEquals(ShapeClass.MISSING_OR_DIFFERENT, only(DriftCheck.classify(shape(notNull), shape(nullable), CatalogVersion.of(23),
                PathEffects.none())).shapeClass(), "not a shape Hasura left at 23");
    }

    @Test
    void stableGenHasuraUuidAndAdditionalPayloadAreGenuineAndEveryStepKeepsThem() {
        CatalogShape live = new CatalogShape(new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(47)).items().stream()
                .map(i -> i.kind().equals("function") && i.name().equals("gen_hasura_uuid()")
                        ? item("function", "hdb_catalog", "gen_hasura_uuid()", "returns uuid language sql stable") : i).toList()));
        live = new CatalogShape(new TreeSet<>(concat(live, item("column", "hdb_catalog.hdb_cron_events", "additional_payload", "json"))));
        Classification c = classify(live, 47, 48);
        assertEquals(2, c.findings().size(), c.findings().toString());
        assertTrue(c.findings().stream().allMatch(f -> f.shapeClass() == ShapeClass.GENUINE_VARIANT), c.findings().toString());
    }

    @Test
    void theSourceCatalogOfAV1BornCatalogIsGenuineFrom43OnAndADbasIndexOnItIsForeignAndKept() {
        List<CatalogShape.Item> source = ShapeVariants.sourceCatalog().items().stream()
                .filter(i -> i.owner().equals("hdb_catalog.event_log") || i.name().startsWith("insert_event_log(")).toList();
        CatalogShape.Item dbaIndex = item("index", "hdb_catalog.event_log", "event_log_payload_gin",
                "CREATE INDEX ON hdb_catalog.event_log USING gin (payload)");
        TreeSet<CatalogShape.Item> items = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(45)).items());
        items.addAll(source);
        items.add(dbaIndex);
        Classification c = classify(new CatalogShape(items), 45, 40);
        assertEquals(List.of(), c.drift(), "no drift");
        assertTrue(c.of(ShapeClass.GENUINE_VARIANT).stream().anyMatch(f -> f.item().label().equals("table hdb_catalog.event_log")),
                c.findings().toString());
        Finding index = only(c.withFindings(c.of(ShapeClass.FOREIGN_KEPT)));
        assertEquals(dbaIndex, index.item(), "a DBA's index on event_log is foreign, and 45 → 40 keeps event_log");
    }

    @Test
    void theHasuraClisTablesAreForeignKeptAndNamed() {
        CatalogShape live = expectedPlus(40, item("table", "hdb_catalog.schema_migrations", "hdb_catalog.schema_migrations", ""),
                item("column", "hdb_catalog.schema_migrations", "version", "bigint not null"),
                item("column", "hdb_catalog.schema_migrations", "dirty", "boolean not null"),
                item("constraint", "hdb_catalog.schema_migrations", "schema_migrations_pkey", "PRIMARY KEY (version)"));
        for (int target : List.of(12, 48)) {
            Finding f = only(classify(live, 40, target));
            assertEquals(ShapeClass.FOREIGN_KEPT, f.shapeClass(), "40 → " + target);
            assertEquals("table hdb_catalog.schema_migrations", f.item().label());
            assertEquals(4, f.parts().size(), "its columns and key are parts of it: " + f.parts());
            assertTrue(f.detail().contains("Hasura CLI"), f.toString());
        }
    }

    @Test
    void aTableInHdbViewsIsDestroyedBy42To43AndKeptOnTheWayDown() {
        CatalogShape live = expectedPlus(40, item("table", "hdb_views.notes", "hdb_views.notes", ""),
                item("column", "hdb_views.notes", "note", "text"));
        Finding up = only(classify(live, 40, 48));
        assertEquals(ShapeClass.FOREIGN_DESTROYED, up.shapeClass());
        assertEquals(List.of("42 → 43"), up.steps());
        assertEquals(ShapeClass.FOREIGN_KEPT, only(classify(live, 40, 12)).shapeClass(), "33 → 34 drops the views of hdb_views, not tables");
    }

    @Test
    void aViewInHdbViewsIsDestroyedBy33To34() {
        CatalogShape live = expectedPlus(30, item("view", "hdb_views.recent", "hdb_views.recent", ""),
                item("column", "hdb_views.recent", "id", "text"));
        Finding up = only(classify(live, 30, 36));
        assertEquals(ShapeClass.FOREIGN_DESTROYED, up.shapeClass());
        assertEquals(List.of("33 → 34"), up.steps(), "33 → 34 drops every view of hdb_views");
        assertEquals(ShapeClass.FOREIGN_KEPT, only(classify(live, 30, 12)).shapeClass(), "the way down keeps it");
    }

    @Test
    void anIndexOnATableAStepDropsIsDestroyedByThatStep() {
        CatalogShape.Item index = item("index", "hdb_catalog.hdb_schema_notifications", "notifications_by_time",
                "CREATE INDEX ON hdb_catalog.hdb_schema_notifications USING btree (updated_at)");
        Finding f = only(classify(expectedPlus(48, index), 48, 43));
        assertEquals(ShapeClass.FOREIGN_DESTROYED, f.shapeClass());
        assertEquals(List.of("45 → 44"), f.steps());
    }

    @Test
    void aColumnInTheWayOfOneAStepAddsIsDrift() {
        CatalogShape live = expectedPlus(26, item("column", "hdb_catalog.event_log", "archived", "boolean"));
        Finding f = only(classify(live, 26, 30));
        assertEquals(ShapeClass.MISSING_OR_DIFFERENT, f.shapeClass());
        assertEquals(List.of("26 → 27"), f.steps(), "26 → 27 adds event_log.archived");
        assertEquals(ShapeClass.FOREIGN_KEPT, only(classify(live, 26, 20)).shapeClass(), "the way down never adds it");
    }

    @Test
    void aMissingObjectNamesTheStepsThatChangeIt() {
        TreeSet<CatalogShape.Item> items = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(40)).items());
        items.removeIf(i -> i.kind().equals("column") && i.owner().equals("hdb_catalog.event_log") && i.name().equals("locked"));
        Finding f = only(classify(new CatalogShape(items), 40, 48));
        assertEquals(ShapeClass.MISSING_OR_DIFFERENT, f.shapeClass());
        assertTrue(f.steps().contains("40 → 41"), "40 → 41 changes event_log.locked: " + f);
    }

    @Test
    void aMissingEmptyHdbViewsIsGenuineInV1() {
        TreeSet<CatalogShape.Item> items = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(17)).items());
        items.removeIf(i -> i.kind().equals("schema") && i.owner().equals("hdb_views"));
        assertEquals(ShapeClass.GENUINE_VARIANT, only(classify(new CatalogShape(items), 17, 48)).shapeClass());
    }

    @Test
    void theLastCheckWantsExactlyTheForeignObjectsThePathKept() {
        CatalogShape.Item comment = item("comment", "hdb_catalog.hdb_version", "TABLE hdb_catalog.hdb_version", "ours");
        Classification before = classify(expectedPlus(47, comment), 47, 48);
        Classification kept = classify(expectedPlus(48, comment), 48, 48);
        assertEquals(List.of(), ShapeCheck.afterPath(before, kept, false), "the comment came through");
        Classification lost = classify(expectedPlus(48), 48, 48);
        assertEquals("an object Hasura never made did not come through unchanged", ShapeCheck.afterPath(before, lost, false).get(0).what());
        CatalogShape.Item grantOnOld = item("grant", "hdb_catalog.hdb_version", "TABLE hdb_catalog.hdb_version TO monitor", "SELECT");
        Classification appeared = classify(expectedPlus(48, comment, grantOnOld), 48, 48);
        assertEquals("an object that is not Hasura's appeared", ShapeCheck.afterPath(before, appeared, false).get(0).what());
        CatalogShape.Item grantOnNew = item("grant", "hdb_catalog.hdb_metadata", "TABLE hdb_catalog.hdb_metadata TO monitor", "SELECT");
        Classification defaultPrivileges = DriftCheck.classify(ExpectedShapes.require(CatalogVersion.of(43)),
                expectedPlus(43, comment, grantOnNew), CatalogVersion.of(43), PathEffects.none());
        assertEquals(List.of(), ShapeCheck.afterPath(classify(expectedPlus(42, comment), 42, 43), defaultPrivileges, false),
                "a grant on a table the path created comes from default privileges");
    }

    @Test
    void driftThatWasThereBeforeComesThroughOnlyWithIgnoreDrift() {
        TreeSet<CatalogShape.Item> items = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(47)).items());
        items.removeIf(i -> i.kind().equals("index") && i.name().equals("hdb_cron_events_unique_scheduled"));
        Classification before = classify(new CatalogShape(items), 47, 48);
        TreeSet<CatalogShape.Item> after = new TreeSet<>(ExpectedShapes.require(CatalogVersion.of(48)).items());
        after.removeIf(i -> i.kind().equals("index") && i.name().equals("hdb_cron_events_unique_scheduled"));
        Classification at48 = classify(new CatalogShape(after), 48, 48);
        assertEquals(1, ShapeCheck.afterPath(before, at48, false).size());
        assertEquals(List.of(), ShapeCheck.afterPath(before, at48, true));
    }

    @Test
    void dependentsFoundInTheDatabaseAreForeignAndDestroyedUnlessHasurasOwn() {
        Classification c = classify(expectedPlus(48), 48, 47);
        Classification with = ShapeCheck.withDependents(c, List.of(
                new ForeignObjects.Dependent("view", "public.clients", "public.clients", "48 → 47", 0),
                new ForeignObjects.Dependent("trigger", "public.orders", "notify_hasura_orders_INSERT", "48 → 47", 0),
                new ForeignObjects.Dependent("default", "hdb_catalog.hdb_version", "hasura_uuid", "48 → 47", 0)));
        Finding f = only(with);
        assertEquals(ShapeClass.FOREIGN_DESTROYED, f.shapeClass());
        assertEquals("view public.clients", f.item().label());
        assertEquals(List.of("48 → 47"), f.steps());
    }

    private static List<CatalogShape.Item> concat(CatalogShape shape, CatalogShape.Item... more) {
        List<CatalogShape.Item> out = new ArrayList<>(shape.items());
        out.addAll(List.of(more));
        return out;
    }
}
