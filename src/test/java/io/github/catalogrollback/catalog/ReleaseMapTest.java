package io.github.catalogrollback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseMapTest {

    private final ReleaseMap releases = ReleaseMap.load();

    @ParameterizedTest(name = "{0} runs catalog {1}")
    @CsvSource({
        "v2.0.6, 46", "v2.0.7, 47", "v2.11.13, 47", "v2.22.1, 47", "v2.23.0-beta.1, 48", "v2.36.14, 48", "v2.49.5, 48",
        "v1.3.3, 40", "v1.3.4, 40", "v1.1.1, 31", "v1.0.0-beta.1, 16", "v1.4.0-alpha.1, 43", "v2.0.0-alpha.7, 45",
        "v2.36.5-1, 48", "v2.36.10-2, 48", "v1.0.0-alpha41, 12", "v1.0.0-alpha40, 11"})
    void releaseResolvesToItsCatalogVersion(String tag, int catalog) {
        assertEquals(CatalogVersion.of(catalog), releases.find(tag).orElseThrow().catalog(), tag);
    }

    @Test
    void operatorSpellingsResolveToo() {
        assertEquals(CatalogVersion.of(47), releases.find("2.0.7").orElseThrow().catalog(), "without the leading v");
        assertEquals(CatalogVersion.of(47), releases.find(" V2.0.7 ").orElseThrow().catalog(), "upper case and blanks");
        assertEquals(CatalogVersion.of(1), releases.find("v1.0.0-alpha01").orElseThrow().catalog(), "zero-padded alpha tag");
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource({
        "v2.0.7.cli-migrations-v3, v2.0.7", "v2.36.0-ce, v2.36.0", "2.36.0, v2.36.0", "hasura/graphql-engine:v2.0.7, v2.0.7",
        "hasura/graphql-engine:v2.36.0-ce.cli-migrations-v3, v2.36.0",
        "docker.io/hasura/graphql-engine:v2.36.0-ce@sha256:0123abcd, v2.36.0",
        "registry.example:5000/mirror/graphql-engine:v2.11.3, v2.11.3",
        "v1.3.3.cli-migrations-v2, v1.3.3", "v1.0.0-beta.10.cli-migrations, v1.0.0-beta.10",
        "v2.23.0-beta.1.cli-migrations-v3, v2.23.0-beta.1", "v2.36.5-1-ce, v2.36.5-1", "v2.36.0.ubuntu.amd64, v2.36.0"})
    void imageTagsAndReferencesNameTheirRelease(String copied, String tag) {
        assertEquals(tag, releases.find(copied).orElseThrow(() -> new AssertionError(copied + " names no release")).tag(),
                "the release an operator's image tag or reference names");
    }

    @Test
    void imageReferencesWithoutAReleaseAreNotFound() {
        assertTrue(releases.find("hasura/graphql-engine:latest").isEmpty(), "a moving tag names no release");
        assertTrue(releases.find("registry.example:5000/hasura/graphql-engine").isEmpty(), "a registry port is no tag");
        assertTrue(releases.find("hasura/graphql-engine:v2.36.0.cli-migrations-v3.extra").isEmpty(), "an unknown flavour");
        assertTrue(releases.find("v2.36.0-ee").isEmpty(), "an unknown edition");
        assertTrue(releases.find("hasura/graphql-engine:v9.9.9-ce").isEmpty(), "a release that does not exist");
    }

    @Test
    void unknownTagsAreNotFound() {
        assertTrue(releases.find("v9.9.9").isEmpty(), "a release that does not exist");
        assertTrue(releases.find("v2.0.7-foo").isEmpty(), "a malformed tag");
        assertTrue(releases.find("latest").isEmpty(), "a word");
        assertTrue(releases.find("").isEmpty(), "nothing");
    }

    @Test
    void everyReleaseOfHasurasListIsThere() {
        Release last = releases.find("v2.49.5").orElseThrow();
        assertEquals(318, releases.all().stream().filter(r -> r.compareTo(last) <= 0).count(),
                "catalog_versions.txt up to v2.49.5 (316 distinct tags) plus the pre-beta alpha tags (later releases may follow)");
    }

    @Test
    void describeNamesFirstAndLastReleaseOfAVersion() {
        assertEquals("v2.23.0-beta.1 … v2.49.5", releases.describe(CatalogVersion.of(48)));
        assertEquals("v2.0.7 … v2.22.1", releases.describe(CatalogVersion.of(47)));
        assertEquals("v2.0.0-alpha.8 … v2.0.6", releases.describe(CatalogVersion.of(46)));
        assertEquals("v2.0.0-alpha.7", releases.describe(CatalogVersion.of(45)));
        assertEquals("no release", releases.describe(CatalogVersion.of(42)));
    }

    @Test
    void releasesOfAVersionComeInReleaseOrder() {
        List<String> tags = releases.releasesOf(CatalogVersion.of(46)).stream().map(Release::tag).toList();
        assertEquals(List.of("v2.0.0-alpha.8", "v2.0.0-alpha.9", "v2.0.0-alpha.10", "v2.0.0-alpha.11", "v2.0.0-beta.1",
                "v2.0.0-beta.2", "v2.0.0", "v2.0.1", "v2.0.2", "v2.0.3", "v2.0.4", "v2.0.5", "v2.0.6"), tags);
    }
}
