package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.ReleaseMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --to-version and --to-release resolved against the shipped changelogs and release map, before any connection. */
class TargetTest {

    private static final ChangelogIndex INDEX = ChangelogIndex.load();
    private static final ReleaseMap RELEASES = ReleaseMap.load();

    private static RunFailure refused(String version, String release) {
        return assertThrows(RunFailure.class, () -> Target.resolve(version, release, RELEASES, INDEX));
    }

    @ParameterizedTest(name = "--to-version ''{0}'' is catalog {1}")
    @CsvSource({"47, 47", "' 46 ', 46", "12, 12", "048, 48"})
    void aVersionIsParsedAndNamesNoRelease(String typed, int version) {
        assertEquals(new Target(CatalogVersion.of(version), Optional.empty()), Target.resolve(typed, null, RELEASES, INDEX));
    }

    @ParameterizedTest(name = "--to-release ''{0}'' is {1}, catalog {2}")
    @CsvSource({"v2.0.7, v2.0.7, 47", "2.0.7, v2.0.7, 47", "v2.36.0-ce, v2.36.0, 48", "hasura/graphql-engine:v2.0.7.cli-migrations-v3, v2.0.7, 47",
            "v1.0.0-alpha41, v1.0.0-alpha41, 12", "v1.3.3, v1.3.3, 40"})
    void aReleaseResolvesToItsCatalogAndKeepsItsCanonicalTag(String typed, String tag, int version) {
        assertEquals(new Target(CatalogVersion.of(version), Optional.of(tag)), Target.resolve(null, typed, RELEASES, INDEX));
    }

    @Test
    void exactlyOneTargetMustBeGiven() {
        RunFailure none = refused(null, null);
        assertEquals(RunFailure.Kind.USAGE, none.kind());
        assertEquals("give exactly one of --to-version and --to-release; nothing changed.", none.getMessage());
        assertEquals(RunFailure.Kind.USAGE, refused("47", "v2.0.7").kind(), "both");
    }

    @Test
    void aVersionThatIsNotANumberIsAUsageError() {
        RunFailure f = refused("forty", null);
        assertEquals(RunFailure.Kind.USAGE, f.kind());
        assertEquals("--to-version 'forty' is not a catalog version (a whole number such as 47); nothing changed.", f.getMessage());
        assertEquals(RunFailure.Kind.USAGE, refused("-1", null).kind(), "negative");
        assertEquals(RunFailure.Kind.USAGE, refused("47.1", null).kind(), "not whole");
        assertEquals(RunFailure.Kind.USAGE, refused("9999999999", null).kind(), "too long for a version");
    }

    @Test
    void versionsOutsideTheChangelogsAreRefusedWithTheRangeTheyHold() {
        RunFailure newer = refused(INDEX.highest().next().toString(), null);
        assertEquals(RunFailure.Kind.REFUSED, newer.kind());
        assertTrue(newer.getMessage().startsWith("target catalog version " + INDEX.highest().next() + " is newer than this tool knows ("
                + INDEX.range() + "); nothing changed."), newer.getMessage());
        RunFailure older = refused(INDEX.lowest().previous().toString(), null);
        assertEquals(RunFailure.Kind.REFUSED, older.kind());
        assertTrue(older.getMessage().startsWith("target catalog version " + INDEX.lowest().previous() + " is older than this tool handles ("
                + INDEX.range() + "); nothing changed."), older.getMessage());
    }

    @Test
    void anUnknownReleaseIsRefusedNamingTheReleaseMapsSpan() {
        RunFailure f = refused(null, "v9.9.9");
        assertEquals(RunFailure.Kind.REFUSED, f.kind());
        assertEquals("unknown release 'v9.9.9': not in this tool's release map (" + RELEASES.size() + " releases, " + RELEASES.span()
                + "); nothing changed. Check the tag, or use --to-version N.", f.getMessage());
        assertEquals("v1.0.0-alpha0", RELEASES.span().split(" … ")[0], "the span starts at the oldest release");
        assertEquals(RELEASES.all().get(RELEASES.size() - 1).tag(), RELEASES.span().split(" … ")[1], "and ends at the newest");
    }

    @Test
    void anUnknownReleaseIsEscapedToOneLine() {
        assertEquals("unknown release 'v2.0.7\\n\\u001b[31m'", refused(null, "v2.0.7\n\u001b[31m").getMessage().split(":")[0]);
    }

    @Test
    void aKnownReleaseOfAVersionTheChangelogsDoNotHoldIsRefused() {
        RunFailure f = refused(null, "v1.0.0-alpha40");
        assertEquals(RunFailure.Kind.REFUSED, f.kind());
        assertEquals("release v1.0.0-alpha40 runs catalog 11, outside what this tool handles (" + INDEX.range() + "); nothing changed.",
                f.getMessage());
    }
}
