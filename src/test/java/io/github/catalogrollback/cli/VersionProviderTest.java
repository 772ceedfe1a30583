package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** --version says which build this is and what it runs on. */
class VersionProviderTest {

    @Test
    void versionNamesTheBuildTheCatalogRangeLiquibaseAndJava() throws Exception {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.exitCode(), run.printed());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        Matcher pom = Pattern.compile("<artifactId>catalog-rollback</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find(), "the pom names its version");
        Matcher first = Pattern.compile("catalog-rollback (\\S+) \\(commit (\\S+)\\)").matcher(lines.get(0));
        assertTrue(first.matches(), "version and commit: " + lines.get(0));
        assertEquals(pom.group(1), first.group(1), "the pom's version");
        assertTrue(first.group(2).matches("[0-9a-f]{12}(-dirty)?|unknown"), "a commit id: " + first.group(2));
        if (Files.exists(Path.of(".git"))) {
            assertFalse(first.group(2).equals("unknown"), "a build in a git checkout records its commit");
        }
        var highest = io.github.catalogrollback.catalog.ChangelogIndex.load().highest();
        var newest = io.github.catalogrollback.catalog.ReleaseMap.load().releasesOf(highest);
        assertEquals("catalog versions 12–" + highest + " (Hasura v1.0.0-alpha41 … " + newest.get(newest.size() - 1) + ")", lines.get(1),
                "the catalog range: from the oldest file and release to the newest ones");
        assertTrue(lines.get(2).matches("Liquibase 4\\.\\d+\\.\\d+"), "Liquibase's version: " + lines.get(2));
        assertTrue(lines.get(3).startsWith("Java " + Runtime.version() + " ("), "the Java it runs on: " + lines.get(3));
    }
}
