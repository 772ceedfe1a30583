package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline script of a path, applied with psql, leaves the very catalog a run leaves: same shape, same rows.
 * Its guard stops it, changing nothing, on a catalog at another version.
 */
class SqlCommandTest {

    @TempDir
    Path dir;

    /** What psql printed and how it exited. */
    private record Psql(int exitCode, String output) {
    }

    @Test
    void scriptDown48To40LeavesTheCatalogARunLeaves() throws Exception {
        try (TestDatabase byTool = TestDatabase.fresh()) {
            Catalogs.init(byTool, 48);
            Catalogs.addHasuraRows(byTool);
            try (TestDatabase byScript = TestDatabase.copyOf(byTool)) {
                scriptLeavesWhatARunLeaves(byTool, byScript, "48", "--to-version", "40");
                CliRun next = CliRun.on(byScript, "upgrade", "--to-version", "48", "--force");
                assertEquals(0, next.exitCode(), "the next run adopts what the script left\n" + next.printed());
            }
        }
    }

    @Test
    void scriptUp40To48ByReleaseLeavesTheCatalogARunLeaves() throws Exception {
        try (TestDatabase byTool = TestDatabase.fresh()) {
            Catalogs.init(byTool, 48);
            Catalogs.addHasuraRows(byTool);
            assertEquals(0, CliRun.on(byTool, "--to-version", "40").exitCode(), "arranged: a catalog at 40 with rows");
            try (TestDatabase byScript = TestDatabase.copyOf(byTool)) {
                scriptLeavesWhatARunLeaves(byTool, byScript, "40",
                        "upgrade", "--to-release", "hasura/graphql-engine:v2.36.0-ce");
            }
        }
    }

    @Test
    void scriptsOverTheWholeV1RangeLeaveTheCatalogsRunsLeave() throws Exception {
        try (TestDatabase byTool = TestDatabase.fresh()) {
            Catalogs.init(byTool, 40);
            try (TestDatabase byScript = TestDatabase.copyOf(byTool)) {
                scriptLeavesWhatARunLeaves(byTool, byScript, "40", "--to-version", "12");
                scriptLeavesWhatARunLeaves(byTool, byScript, "12", "upgrade", "--to-version", "40");
            }
        }
    }

    /**
     * Moves {@code byTool} with the run {@code runArgs} and {@code byScript}, an equal database at {@code from}, with
     * the script of the same path applied by psql; both must then hold the same catalog.
     */
    private void scriptLeavesWhatARunLeaves(TestDatabase byTool, TestDatabase byScript, String from, String... runArgs)
            throws Exception {
        List<String> target = List.of(runArgs).subList(runArgs[0].equals("upgrade") ? 1 : 0, runArgs.length);
        List<String> sql = new ArrayList<>(List.of("sql", "--from-version", from));
        sql.addAll(target);
        Path script = script(sql.toArray(String[]::new));
        CliRun run = CliRun.on(byTool, runArgs);
        assertEquals(0, run.exitCode(), run.printed());
        Psql psql = psql(byScript, script);
        assertEquals(0, psql.exitCode(), "psql ran the script from " + from + " " + target + "\n" + psql.output());
        assertSameCatalog(byTool, byScript);
    }

    @Test
    void guardStopsTheScriptOnACatalogAtAnotherVersionAndNothingChanges() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            assertEquals(0, CliRun.on(db, "--to-version", "47").exitCode(), "arranged: a catalog at 47");
            Fingerprint before = Fingerprint.of(db);
            Psql psql = psql(db, script("sql", "--from-version", "48", "--to-version", "40"));
            assertEquals(3, psql.exitCode(), "psql stopped at the guard (ON_ERROR_STOP)\n" + psql.output());
            assertTrue(psql.output().contains("this script moves catalog 48 to 40, but hdb_catalog.hdb_version says 47; nothing changed"),
                    psql.output());
            assertEquals(before, Fingerprint.of(db), "the database is exactly as it was");
        }
    }

    @Test
    void guardStopsTheScriptWhereThereIsNoCatalog() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Psql psql = psql(db, script("sql", "--from-version", "47", "--to-version", "48"));
            assertEquals(3, psql.exitCode(), psql.output());
            assertTrue(psql.output().contains("no Hasura catalog here (no table hdb_catalog.hdb_version); nothing changed"), psql.output());
            assertEquals("0", db.queryText("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hdb_catalog%'"), "nothing created");
        }
    }

    @Test
    void scriptIsOneTransactionWithEveryStepAndItsVersion() throws Exception {
        String text = Files.readString(script("sql", "--from-version", "48", "--to-version", "45"));
        assertEquals(1, count(text, "\nBEGIN;\n"), "one BEGIN");
        assertTrue(text.endsWith("\nCOMMIT;\n"), "one COMMIT, at the end");
        assertTrue(text.indexOf("-- 48 → 47") < text.indexOf("-- 47 → 46") && text.indexOf("-- 47 → 46") < text.indexOf("-- 46 → 45"),
                "the steps in order");
        for (int v = 47; v >= 45; v--) {
            assertEquals(1, count(text, "INSERT INTO hdb_catalog.hdb_version (version, upgraded_on) VALUES ('" + v + "', now())"),
                    "the version upsert to " + v);
        }
        assertFalse(text.contains("databasechangelog"), "no Liquibase history");
    }

    @Test
    void badRequestsAreRefusedWithoutAScript() {
        CliRun same = CliRun.run("sql", "--from-version", "47", "--to-version", "47");
        assertEquals(2, same.exitCode(), same.printed());
        assertTrue(same.err().startsWith("error: the script would start and end at catalog 47"), same.printed());
        String beyond = io.github.catalogrollback.catalog.ChangelogIndex.load().highest().next().toString();
        CliRun unknown = CliRun.run("sql", "--from-version", beyond, "--to-version", "47");
        assertEquals(4, unknown.exitCode(), unknown.printed());
        assertTrue(unknown.err().contains("starting catalog version " + beyond + " is newer than this tool knows"), unknown.printed());
        CliRun release = CliRun.run("sql", "--from-version", "48", "--to-release", "hasura/graphql-engine:latest");
        assertEquals(4, release.exitCode(), release.printed());
        assertTrue(release.err().contains("unknown release 'hasura/graphql-engine:latest'"), release.printed());
        CliRun missing = CliRun.run("sql", "--to-version", "47");
        assertEquals(2, missing.exitCode(), missing.printed());
        CliRun notANumber = CliRun.run("sql", "--from-version", "forty", "--to-version", "47");
        assertEquals(2, notANumber.exitCode(), notANumber.printed());
        for (CliRun run : new CliRun[] {same, unknown, release, missing, notANumber}) {
            assertEquals("", run.out(), "no script on stdout");
            assertEquals(1, run.err().strip().lines().count(), "one line on stderr\n" + run.printed());
        }
    }

    /** Runs `catalog-rollback ARGS` and keeps the script it printed in a file. */
    private Path script(String... args) throws IOException {
        CliRun run = CliRun.run(args);
        assertEquals(0, run.exitCode(), run.printed());
        assertEquals("", run.err(), "nothing on stderr");
        Path file = Files.createTempFile(dir, "script", ".sql");
        Files.writeString(file, run.out());
        return file;
    }

    /** psql -X -v ON_ERROR_STOP=1 -f SCRIPT against the database, as the script's header says. */
    private static Psql psql(TestDatabase db, Path script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString(),
                db.jdbcUrl().substring("jdbc:".length())).redirectErrorStream(true);
        pb.environment().put("PGUSER", db.user());
        pb.environment().put("PGPASSWORD", db.password());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("these tests need psql on PATH (apt-get install postgresql-client)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "psql finished");
        return new Psql(p.exitValue(), output);
    }

    /**
     * The same catalog: shape and every row of hdb_catalog, once the times each wrote into the upgraded_on columns
     * of the version tables (now()) are set aside.
     */
    private static void assertSameCatalog(TestDatabase byTool, TestDatabase byScript) {
        assertEquals(Catalogs.version(byTool), Catalogs.version(byScript), "hdb_version");
        for (TestDatabase db : new TestDatabase[] {byTool, byScript}) {
            db.execute("UPDATE hdb_catalog.hdb_version SET upgraded_on = '2000-01-01 00:00+00'");
            if (db.queryText("SELECT to_regclass('hdb_catalog.hdb_source_catalog_version')") != null) {
                db.execute("UPDATE hdb_catalog.hdb_source_catalog_version SET upgraded_on = '2000-01-01 00:00+00'");
            }
        }
        Fingerprint tool = Fingerprint.of(byTool);
        Fingerprint script = Fingerprint.of(byScript);
        assertEquals(tool.shape(), script.shape(), "the catalog's shape");
        assertEquals(tool.rowChecksums(), script.rowChecksums(), "the rows of every hdb_catalog table");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
