package io.github.catalogrollback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogIndexTest {

    private final ChangelogIndex index = ChangelogIndex.load();

    @Test
    void everyVersionFromTheBaselineToTheNewestHasAFile() {
        assertEquals(CatalogVersion.of(48), index.highest(), "the newest released catalog");
        for (int v = index.lowest().number(); v <= 48; v++) {
            assertTrue(index.knows(CatalogVersion.of(v)), "catalog " + v + " has a changelog file");
        }
        assertTrue(index.entry(index.lowest()).baseline(), "the oldest file is the baseline");
    }

    @Test
    void pathDownListsEveryStepInOrder() {
        Path path = index.path(CatalogVersion.of(48), CatalogVersion.of(45));
        assertEquals(List.of("48 → 47", "47 → 46", "46 → 45"), path.steps().stream().map(Step::toString).toList());
        assertEquals(Direction.DOWN, path.direction());
        assertEquals(List.of("step-47-to-48", "step-46-to-47", "step-45-to-46"),
                path.steps().stream().map(Step::changesetId).toList(), "a step's changeset is named after the forward direction");
    }

    @Test
    void pathUpListsEveryStepInOrder() {
        Path path = index.path(CatalogVersion.of(45), CatalogVersion.of(47));
        assertEquals(List.of("45 → 46", "46 → 47"), path.steps().stream().map(Step::toString).toList());
        assertEquals(Direction.UP, path.direction());
    }

    @Test
    void dataLosingRollbacksAreMarked() {
        assertTrue(index.step(CatalogVersion.of(48), CatalogVersion.of(47)).losesData(), "48 → 47 drops the EE client credentials");
        assertTrue(index.step(CatalogVersion.of(45), CatalogVersion.of(44)).losesData(), "45 → 44 drops hdb_schema_notifications");
        assertFalse(index.step(CatalogVersion.of(47), CatalogVersion.of(46)).losesData(), "47 → 46 only drops an index");
        assertFalse(index.step(CatalogVersion.of(47), CatalogVersion.of(48)).losesData(), "forward steps add, they do not drop");
    }

    @Test
    void stepSummariesComeFromTheFileHeaders() {
        assertTrue(index.step(CatalogVersion.of(48), CatalogVersion.of(47)).summary().contains("ee_client_id"),
                "the 48 → 47 summary names the dropped column");
        assertTrue(index.step(CatalogVersion.of(48), CatalogVersion.of(47)).summary().contains("DATA LOSS"),
                "the 48 → 47 summary says it loses data");
    }

    @Test
    void historyOfAVersionHoldsTheChangesetsUpToIt() {
        List<String> ids = List.copyOf(index.changesetIdsUpTo(CatalogVersion.of(45)));
        assertEquals("catalog-45", ids.get(ids.size() - 1), "the tag of the version comes last");
        assertTrue(ids.contains("step-44-to-45"), "the step to 45 is part of it");
        assertFalse(ids.contains("step-45-to-46"), "the step to 46 is not");
        assertEquals(CatalogVersion.of(46), index.versionOf("step-45-to-46").orElseThrow());
        assertTrue(index.versionOf(Step.changesetId(index.highest().next())).isEmpty(), "an unknown changeset has no version");
    }

    @Test
    void pathToAnUnknownVersionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> index.path(index.highest(), index.highest().next()));
    }

    @Test
    void catalogVersionParsesOnlyWholeNumbers() {
        assertEquals(CatalogVersion.of(47), CatalogVersion.parse(" 47 "));
        assertThrows(IllegalArgumentException.class, () -> CatalogVersion.parse("0.8"));
        assertThrows(IllegalArgumentException.class, () -> CatalogVersion.parse("47a"));
        assertThrows(IllegalArgumentException.class, () -> CatalogVersion.parse(""));
    }
}
