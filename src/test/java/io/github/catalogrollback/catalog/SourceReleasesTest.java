package io.github.catalogrollback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which source catalog each release ships, and what a target needs of a source catalog (pure, no database). */
class SourceReleasesTest {

    private final ReleaseMap releases = ReleaseMap.load();
    private final SourceReleases sources = SourceReleases.load(releases);

    private Release release(String tag) {
        return releases.find(tag).orElseThrow();
    }

    @ParameterizedTest(name = "{0} ships source catalog {1}")
    @CsvSource({
        "v1.3.3, none", "v1.0.0-alpha41, none", "v1.4.0-alpha.1, 1", "v1.4.0-alpha.2, 1", "v2.0.0-alpha.10, 1", "v2.0.0-alpha.11, 1",
        "v2.0.0-beta.1, 2", "v2.0.7, 2", "v2.11.3, 2", "v2.11.13, 2", "v2.12.1, 2", "v2.13.0-beta.1, 3", "v2.20.0, 3",
        "v2.22.0-beta.1, 4", "v2.22.0-beta.2, 3", "v2.22.1, 3", "v2.36.0, 3", "v2.36.14, 3", "v2.36.10-2, 3", "v2.45.2, 3",
        "v2.45.6, 3", "v2.46.0-beta.1, 4", "v2.46.0, 4", "v2.49.5, 4"})
    void releaseShipsItsSourceCatalog(String tag, String version) {
        SourceReleases.Support s = sources.of(release(tag));
        assertEquals(version, s.ships().map(Object::toString).orElse("none"), tag);
    }

    @Test
    void everyReleaseHasASourceCatalogVersionAndTheTwoFoursAreTold() {
        for (Release r : releases.all()) {
            SourceReleases.Support s = sources.of(r);
            assertEquals(r.catalog().isBelow(CatalogVersion.FIRST_V2), s.ships().isEmpty(), r + ": exactly the v1 releases ship none");
        }
        assertEquals("4a", sources.of(release("v2.22.0-beta.1")).shape());
        assertEquals("4b", sources.of(release("v2.49.5")).shape());
        assertEquals(Optional.of(SourceCatalogVersion.of(3)), sources.of(release("v2.22.0-beta.1")).upgradeTo(),
                "the tool never writes a 4a: an upgrade to v2.22.0-beta.1 stops at 3");
    }

    @ParameterizedTest(name = "every release of catalog {0} starts with source catalog {1}")
    @CsvSource({"43, 1", "44, 1", "45, 1", "46, 1", "47, 2", "48, 3"})
    void aCatalogVersionNeedsWhatEveryReleaseOfItStartsWith(int catalog, int source) {
        SourceTarget t = sources.forCatalog(CatalogVersion.of(catalog));
        assertEquals(Optional.of(SourceCatalogVersion.of(source)), t.highest());
        assertEquals(t.highest(), t.upgradeTo(), "an upgrade by version raises to the same");
    }

    @Test
    void planNamesTheReleasesThatKeepMore() {
        SourceTarget t47 = sources.forCatalog(CatalogVersion.of(47));
        assertEquals("the highest every release of catalog 47 (v2.0.7 … v2.22.1) starts with", t47.basis());
        assertEquals("--to-release v2.13.0-beta.1 … v2.22.1 keeps 3; v2.22.0-beta.1 keeps 4", t47.keepsMore());
        assertEquals("--to-release v2.46.0-beta.1 … v2.49.5 keeps 4", sources.forCatalog(CatalogVersion.of(48)).keepsMore());
        assertEquals("--to-release v2.0.0-beta.1 … v2.0.6 keeps 2", sources.forCatalog(CatalogVersion.of(46)).keepsMore());
        assertTrue(sources.forCatalog(CatalogVersion.of(40)).none(), "a v1 catalog keeps no source catalog");
    }

    @Test
    void aReleaseNeedsWhatItShips() {
        assertEquals(Optional.of(SourceCatalogVersion.of(2)), sources.forRelease(release("v2.11.3")).highest());
        assertEquals("v2.11.3 ships source catalog 2", sources.forRelease(release("v2.11.3")).basis());
        assertEquals(Optional.of(SourceCatalogVersion.of(3)), sources.forRelease(release("v2.20.0")).highest());
        assertTrue(sources.forRelease(release("v1.3.3")).none());
    }

    @Test
    void rollbacksOnlyLowerAndUpgradesOnlyRaise() {
        SourceTarget v2113 = sources.forRelease(release("v2.11.3"));
        SourceTarget v2220b1 = sources.forRelease(release("v2.22.0-beta.1"));
        SourceCatalogVersion one = SourceCatalogVersion.of(1);
        SourceCatalogVersion two = SourceCatalogVersion.of(2);
        SourceCatalogVersion three = SourceCatalogVersion.of(3);
        SourceCatalogVersion four = SourceCatalogVersion.of(4);
        assertEquals(two, v2113.after(three, Direction.DOWN, false), "down to what the target ships");
        assertEquals(one, v2113.after(one, Direction.DOWN, false), "a rollback never raises");
        assertEquals(three, v2113.after(three, Direction.UP, false), "an upgrade never lowers");
        assertEquals(two, v2113.after(one, Direction.UP, false), "an upgrade raises to what the target ships");
        assertEquals(four, v2220b1.after(four, Direction.DOWN, false), "v2.22.0-beta.1 starts with a 4");
        assertEquals(three, v2220b1.after(two, Direction.UP, false), "an upgrade to v2.22.0-beta.1 stops at 3");
        assertEquals(two, v2113.after(three, Direction.UP, true), "a source catalog the run creates goes where the target starts");
        assertThrows(IllegalStateException.class, () -> sources.forRelease(release("v1.3.3")).after(three, Direction.DOWN, false));
    }

    @Test
    void describeListsTheRunsOfReleasesThatShipAVersion() {
        assertEquals("v2.13.0-beta.1 … v2.21.0, v2.22.0-beta.2 … v2.45.6", sources.describe(SourceCatalogVersion.of(3)));
        assertEquals("v2.22.0-beta.1, v2.46.0-beta.1 … v2.49.5", sources.describe(SourceCatalogVersion.of(4)));
    }

    private SourceReleases parse(String yaml) {
        return SourceReleases.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), releases);
    }

    @Test
    void brokenRangesAreRefused() {
        IllegalStateException gap = assertThrows(IllegalStateException.class, () -> parse("ranges:\n"
                + "  - {first: v1.0.0-alpha0, last: v1.3.4, version: none}\n  - {first: v2.0.0-beta.1, last: v2.49.5, version: 2}\n"));
        assertTrue(gap.getMessage().contains("release v1.4.0-alpha.1 falls in no range"), gap.getMessage());
        IllegalStateException overlap = assertThrows(IllegalStateException.class, () -> parse("ranges:\n"
                + "  - {first: v1.0.0-alpha0, last: v2.0.0, version: none}\n  - {first: v1.3.4, last: v2.49.5, version: 2}\n"));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> parse("ranges:\n"
                + "  - {first: v1.0.0-alpha0, last: v9.0.0, version: none}\n"));
        assertTrue(unknown.getMessage().contains("'v9.0.0' is not a release"), unknown.getMessage());
        IllegalStateException upward = assertThrows(IllegalStateException.class, () -> parse("ranges:\n"
                + "  - {first: v1.0.0-alpha0, last: v2.49.5, version: 2, upgradeTo: 3}\n"));
        assertTrue(upward.getMessage().contains("upgrades above what it ships"), upward.getMessage());
    }
}
