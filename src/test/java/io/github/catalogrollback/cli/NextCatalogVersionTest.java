package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new catalog version is data only (docs/ADDING-A-VERSION.md): the version after the highest shipped one, added
 * as the recipe says to a copy of the shipped changelogs (a no-op step, an include in master.yaml, a release in
 * releases.yaml and source-releases.yaml, a shape), is reached and left by the unchanged tool. The copy goes before
 * the tool on a child JVM's classpath, so that its changelogs/ and shapes/ replace the shipped ones.
 */
class NextCatalogVersionTest {

    /** The release the fixture maps to the new version (after every real one, as a new release is). */
    private static final String RELEASE = "v99.0.0";

    private static final CatalogVersion PREVIOUS = ChangelogIndex.load().highest();
    private static final CatalogVersion NEXT = PREVIOUS.next();

    @TempDir
    Path classpathDir;

    @Test
    void aVersionAddedAsDataIsInitialisedReportedRolledBackAndUpgraded() throws Exception {
        addNextVersion(classpathDir);
        String next = NEXT.toString();
        String previous = PREVIOUS.toString();
        try (TestDatabase db = TestDatabase.fresh()) {
            CliRun init = ChildRun.runWithClasspathBefore(classpathDir, db, "init", "--to-version", next, "--output", "json");
            assertEquals(0, init.exitCode(), init.printed());
            assertEquals("committed", init.field("outcome"), "init commits");
            assertEquals(NEXT.number(), init.intField("to"), "init reaches the new version");
            assertEquals(RELEASE, init.field("toReleases"), "the new version is named by its release");
            List<?> initSteps = (List<?>) init.field("steps");
            assertEquals(PREVIOUS + " → " + NEXT, init.field("steps", initSteps.size() - 1, "step"), "the last step is the new one");
            assertEquals("no catalog object changes; hdb_version says " + NEXT + " (test fixture).",
                    init.field("steps", initSteps.size() - 1, "summary"), "the step's summary comes from its changeset's comment");
            assertEquals(next, Catalogs.version(db), "hdb_version row");

            CliRun status = ChildRun.runWithClasspathBefore(classpathDir, db, "status", "--output", "json");
            assertEquals(0, status.exitCode(), status.printed());
            assertEquals(NEXT.number(), status.intField("version"), "status reads the new version");
            assertEquals(List.of(RELEASE), status.field("releases"), "and its release");
            assertEquals(List.of(), status.field("upgradeTargets"), "nothing is newer than the new version");
            assertEquals(PREVIOUS.number(), status.intField("rollbackTargets", PREVIOUS.number() - ChangelogIndex.load().lowest().number()),
                    "the previous version is a rollback target");
            assertEquals("in-sync", status.field("history", "state"), "Liquibase's history records the new version");
            assertEquals(NEXT.number(), status.intField("history", "recorded"));
            assertEquals(false, status.field("drift"), "no drift");
            assertEquals(List.of(), status.field("shape"), "the catalog matches the new version's shape file");

            CliRun shipped = CliRun.on(db, "--to-version", previous);
            assertEquals(ExitCode.REFUSED.code(), shipped.exitCode(), "the shipped changelogs alone do not know it\n" + shipped.printed());
            assertTrue(shipped.err().contains("catalog version " + NEXT + " is newer than this tool knows"), shipped.printed());

            CliRun down = ChildRun.runWithClasspathBefore(classpathDir, db, "--to-version", previous, "--output", "json");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("rollback", down.field("command"));
            assertEquals(NEXT.number(), down.intField("from"));
            assertEquals(PREVIOUS.number(), down.intField("to"));
            assertEquals(NEXT + " → " + PREVIOUS, down.field("steps", 0, "step"));
            assertEquals(1, ((List<?>) down.field("steps")).size(), "one step");
            assertEquals(false, down.field("steps", 0, "losesData"), "the no-op step loses nothing");
            assertEquals(previous, Catalogs.version(db), "hdb_version row after the rollback");
            assertEquals(Catalogs.freshShape(PREVIOUS.number()), Fingerprint.shape(db),
                    "after the rollback the catalog is exactly a fresh one at the previous version");

            CliRun up = ChildRun.runWithClasspathBefore(classpathDir, db, "upgrade", "--to-release", RELEASE, "--output", "json");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("upgrade", up.field("command"));
            assertEquals(PREVIOUS.number(), up.intField("from"));
            assertEquals(NEXT.number(), up.intField("to"), "the release resolves to the new version");
            assertEquals(next, Catalogs.version(db), "hdb_version row after the upgrade");
        }
    }

    /** Copies the shipped changelogs to {@code dir} and adds the next version the way docs/ADDING-A-VERSION.md says. */
    private static void addNextVersion(Path dir) throws IOException {
        Path shipped = ChangelogIndex.classpathRoot();
        Path changelogs = dir.resolve("changelogs");
        try (Stream<Path> files = Files.walk(shipped.resolve("changelogs"))) {
            for (Path from : files.toList()) {
                Path to = changelogs.resolve(shipped.resolve("changelogs").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Files.writeString(changelogs.resolve("catalog-" + NEXT + ".yaml"), fixture("catalog-next.yaml"));
        for (String file : List.of("master", "releases", "source-releases")) {
            Files.writeString(changelogs.resolve(file + ".yaml"), fixture(file + ".append.yaml"), StandardOpenOption.APPEND);
        }
        // A no-op step leaves the shape as it was: the new shape file is the previous one under the new version's name
        // (what scripts/update-shapes writes for it).
        Path shapes = Files.createDirectories(dir.resolve("shapes"));
        String previousShape = Files.readString(shipped.resolve("shapes/catalog-" + PREVIOUS + ".shape"));
        Files.writeString(shapes.resolve("catalog-" + NEXT + ".shape"),
                previousShape.replaceFirst("catalog " + PREVIOUS + " ", "catalog " + NEXT + " "));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NextCatalogVersionTest.class.getResourceAsStream("/next-catalog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@VERSION@", NEXT.toString()).replace("@PREVIOUS@", PREVIOUS.toString());
        }
    }
}
