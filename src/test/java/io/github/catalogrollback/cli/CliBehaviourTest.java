package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Step;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator types and sees: targets, refusals, exit codes and one-line messages. */
class CliBehaviourTest {

    private static final ChangelogIndex INDEX = ChangelogIndex.load();
    /** The version after the highest the changelogs hold: what a newer Hasura (or a fork) would write. */
    private static final String BEYOND = INDEX.highest().next().toString();

    /** Runs, and checks the things every refusal must do: its exit code, one line, no password, nothing changed. */
    private static CliRun refused(TestDatabase db, int exitCode, String... args) {
        Fingerprint before = Fingerprint.of(db);
        CliRun run = CliRun.on(db, args);
        assertEquals(exitCode, run.exitCode(), run.printed());
        assertEquals(1, run.err().strip().lines().count(), "one line on stderr\n" + run.printed());
        assertTrue(run.err().startsWith("error: "), run.printed());
        assertFalse(run.out().contains(db.password()) || run.err().contains(db.password()), "no password printed");
        assertEquals(before, Fingerprint.of(db), "the database is exactly as it was");
        return run;
    }

    @Test
    void rollbackByReleaseResolvesThroughTheReleaseMap() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun run = CliRun.on(db, "--to-release", "v2.0.7");
            assertEquals(0, run.exitCode(), run.printed());
            assertTrue(run.out().contains("catalog 48 (v2.23.0-beta.1 … v2.49.5) → 47 (v2.0.7 … v2.22.1): 1 step, committed"),
                    run.printed());
            assertEquals("47", Catalogs.version(db));
            CliRun down = CliRun.on(db, "--to-release", "2.0.6", "--output", "json");
            assertEquals(0, down.exitCode(), down.printed());
            assertEquals("rollback", down.field("command"));
            assertEquals(47, down.intField("from"));
            assertEquals(46, down.intField("to"), "v2.0.6 runs 46");
            assertEquals("v2.0.0-alpha.8 … v2.0.6", down.field("toReleases"));
            assertEquals("committed", down.field("outcome"));
            assertEquals("47 → 46", down.field("steps", 0, "step"));
            assertEquals("46", Catalogs.version(db));
            CliRun up = CliRun.on(db, "upgrade", "--to-release", "v2.36.14", "--output", "json");
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals("upgrade", up.field("command"));
            assertEquals(48, up.intField("to"), "v2.36.14 runs 48");
            assertEquals(List.of("46 → 47", "47 → 48"), ((List<?>) up.field("steps")).stream().map(s -> ((Map<?, ?>) s).get("step")).toList());
            assertEquals("48", Catalogs.version(db));
        }
    }

    @Test
    void targetsThatCannotBeReachedAreRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 46);
            assertTrue(refused(db, 4, "--to-release", "v9.9.9").err().contains("unknown release 'v9.9.9'"));
            assertTrue(refused(db, 4, "--to-version", BEYOND).err().contains("target catalog version " + BEYOND + " is newer than this tool knows ("
                    + INDEX.range() + ")"));
            assertTrue(refused(db, 4, "--to-release", "v1.0.0-alpha40").err().contains("release v1.0.0-alpha40 runs catalog 11, outside what this tool handles"));
            assertTrue(refused(db, 4, "--to-version", "48").err().contains("use `catalog-rollback upgrade --to-version 48`".substring(4)),
                    "a rollback to a newer version points to upgrade");
            assertTrue(refused(db, 4, "upgrade", "--to-version", "44").err().contains("catalog 44 is older, so upgrade cannot reach it"));
            assertTrue(refused(db, 2, "--to-version", "forty").err().contains("'forty' is not a catalog version"));
            assertTrue(refused(db, 2).err().contains("--to-version N or --to-release TAG"), "no target at all");
            assertTrue(refused(db, 2, "--to-version", "44", "--to-release", "v2.0.7").err().contains("exactly one"));
        }
    }

    @Test
    void alreadyAtTheTargetIsNothingToDo() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            Fingerprint before = Fingerprint.of(db);
            CliRun run = CliRun.on(db, "--to-release", "v2.11.13");
            assertEquals(0, run.exitCode(), "already at the target exits 0, so a rerun is safe\n" + run.printed());
            assertTrue(run.out().contains("already at 47 (v2.0.7 … v2.22.1)"), run.printed());
            CliRun detailed = CliRun.on(db, "--to-version", "47", "--detailed-exitcode");
            assertEquals(3, detailed.exitCode(), "--detailed-exitcode keeps 3 for nothing to do\n" + detailed.printed());
            CliRun viaRollback = CliRun.on(db, "rollback", "--to-version", "47", "--detailed-exitcode");
            assertEquals(3, viaRollback.exitCode(), "`rollback` names the default action\n" + viaRollback.printed());
            assertEquals(3, CliRun.on(db, "upgrade", "--to-version", "47", "--detailed-exitcode").exitCode(), "upgrade too");
            assertEquals(3, CliRun.on(db, "plan", "--to-version", "47", "--detailed-exitcode").exitCode(), "plan too");
            assertEquals(before, Fingerprint.of(db));
        }
    }

    @Test
    void statusPrintsTheTargetsOneReleaseLinePerLine() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun run = CliRun.on(db, "status");
            assertEquals(0, run.exitCode(), run.printed());
            run.out().lines().forEach(line -> assertTrue(line.length() <= 120, "no status line longer than 120 characters: " + line));
            assertTrue(run.out().contains("  rollback targets: v2:   47 (v2.0.7 … v2.22.1), 46 (v2.0.0-alpha.8 … v2.0.6)"),
                    "the v2 catalogs on the first line\n" + run.printed());
            assertTrue(run.out().lines().anyMatch(l -> l.strip().startsWith("v1.3: 40 (v1.3.3 … v1.3.4)")),
                    "v1.3's catalogs start a line of their own\n" + run.printed());
            assertTrue(run.out().lines().anyMatch(l -> l.strip().startsWith("v1.0: 28 (v1.0.0-rc.1 … v1.0.0)")), run.printed());
            assertTrue(run.out().lines().anyMatch(l -> l.strip().equals("12 (v1.0.0-alpha41)")), "a long line wraps\n" + run.printed());
            assertTrue(run.out().contains("  upgrade targets:  none\n"), run.printed());
        }
    }

    @Test
    void databasesWithoutAUsableCatalogAreRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            assertTrue(refused(db, 4, "--to-version", "47").err().contains("has no Hasura catalog (schema hdb_catalog is missing)"));
            assertTrue(refused(db, 4, "status").err().contains("has no Hasura catalog"));
            db.execute("CREATE SCHEMA hdb_catalog");
            assertTrue(refused(db, 4, "--to-version", "47").err().contains("has no hdb_version table"));
            db.execute("CREATE TABLE hdb_catalog.hdb_version (version text)", "INSERT INTO hdb_catalog.hdb_version VALUES ('forty-eight')");
            assertTrue(refused(db, 4, "--to-version", "47").err().contains("holds 'forty-eight', which is not a catalog version"));
            db.execute("UPDATE hdb_catalog.hdb_version SET version = '" + BEYOND + "'");
            assertTrue(refused(db, 4, "--to-version", "47").err().contains("catalog version " + BEYOND + " is newer than this tool knows ("
                    + INDEX.range() + ")"));
            db.execute("UPDATE hdb_catalog.hdb_version SET version = '11'");
            assertTrue(refused(db, 4, "--to-version", "43").err().contains("catalog version 11 is older than this tool handles (" + INDEX.range() + ")"));
            db.execute("INSERT INTO hdb_catalog.hdb_version VALUES ('41')");
            assertTrue(refused(db, 4, "--to-version", "43").err().contains("holds 2 rows instead of one"));
        }
    }

    @Test
    void initRefusesADatabaseThatHasACatalog() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 45);
            assertTrue(refused(db, 4, "init", "--to-version", "48").err().contains("already holds a Hasura catalog"));
        }
    }

    @Test
    void connectionProblemsAreExitCode7WithoutThePassword() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun wrong = CliRun.run("--to-version", "47", "--database-url", db.urlWithPassword("Wr0ngPassw0rd!"));
            assertEquals(7, wrong.exitCode(), wrong.printed());
            assertTrue(wrong.err().contains("cannot log in to database " + db.name()), wrong.printed());
            assertFalse(wrong.err().contains("Wr0ngPassw0rd!") || wrong.out().contains("Wr0ngPassw0rd!"), "password not echoed");
            CliRun closed = CliRun.run("--to-version", "47", "--database-url", "postgres://u:Secret123@127.0.0.1:1/hasura");
            assertEquals(7, closed.exitCode(), closed.printed());
            assertTrue(closed.err().contains("cannot connect to 127.0.0.1:1"), closed.printed());
            assertFalse(closed.err().contains("Secret123"), "password not echoed");
            CliRun missing = CliRun.run("status", "--database-url", db.url() + "_missing");
            assertEquals(7, missing.exitCode(), missing.printed());
            assertTrue(missing.err().contains("does not exist"), missing.printed());
            assertEquals("48", Catalogs.version(db), "nothing changed");
        }
    }

    @Test
    void malformedUrlIsAUsageError() {
        CliRun run = CliRun.run("--to-version", "47", "--database-url", "mysql://root:Hunter22@db/hasura");
        assertEquals(2, run.exitCode(), run.printed());
        assertTrue(run.err().contains("not a PostgreSQL URL"), run.printed());
        assertFalse(run.err().contains("Hunter22"), "password not echoed");
        CliRun none = CliRun.withEnv(Map.of(), "--to-version", "47");
        assertEquals(2, none.exitCode(), none.printed());
        assertTrue(none.err().contains("HASURA_GRAPHQL_METADATA_DATABASE_URL"), none.printed());
    }

    @Test
    void databaseUrlComesFromHasurasEnvironmentVariables() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun metadata = CliRun.withEnv(Map.of("HASURA_GRAPHQL_METADATA_DATABASE_URL", db.url(),
                    "HASURA_GRAPHQL_DATABASE_URL", "postgres://nobody:x@127.0.0.1:1/nowhere"), "--to-version", "47");
            assertEquals(0, metadata.exitCode(), "the metadata URL wins over the database URL\n" + metadata.printed());
            CliRun fallback = CliRun.withEnv(Map.of("HASURA_GRAPHQL_DATABASE_URL", db.url()), "--to-version", "46");
            assertEquals(0, fallback.exitCode(), fallback.printed());
            assertEquals("46", Catalogs.version(db));
        }
    }

    @Test
    void statusShowsVersionReleasesTargetsAndHistory() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 47);
            CliRun text = CliRun.on(db, "status");
            assertEquals(0, text.exitCode(), text.printed());
            assertTrue(text.out().contains("catalog 47 (v2.0.7 … v2.22.1) in database " + db.name()), text.printed());
            assertTrue(text.out().contains("rollback targets: v2:   46 (v2.0.0-alpha.8 … v2.0.6), 45 (v2.0.0-alpha.7)\n"), text.printed());
            assertTrue(text.out().contains("upgrade targets:  v2:   48 (v2.23.0-beta.1 … v2.49.5)\n"), text.printed());
            assertTrue(text.out().contains("history:          in sync (records catalog 47)"), text.printed());
            CliRun json = CliRun.on(db, "status", "--output", "json");
            assertEquals(0, json.exitCode(), json.printed());
            assertTrue(((String) json.field("database")).startsWith("database " + db.name() + " on "), json.printed());
            assertEquals(47, json.intField("version"));
            assertEquals(List.of("v2.0.7", "v2.22.1"), List.of(((List<?>) json.field("releases")).get(0),
                    ((List<?>) json.field("releases")).get(((List<?>) json.field("releases")).size() - 1)), "first and last release of 47");
            assertEquals(INDEX.versions().stream().filter(v -> v.number() > 47).map(v -> new java.math.BigDecimal(v.number())).toList(),
                    json.field("upgradeTargets"), "every newer version the changelogs hold");
            assertEquals(46, json.intField("rollbackTargets", 46 - INDEX.lowest().number()), "rollback targets run up to 46");
            assertEquals("in-sync", json.field("history", "state"));
            assertEquals(47, json.intField("history", "recorded"));
            assertEquals(false, json.field("drift"));
            assertFalse(json.out().contains(db.password()), "no password in JSON");
        }
    }

    @Test
    void jsonResultOfARollback() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CliRun run = CliRun.on(db, "--to-version", "46", "--output", "json");
            assertEquals(0, run.exitCode(), run.printed());
            assertEquals("rollback", run.field("command"));
            assertEquals(48, run.intField("from"));
            assertEquals(46, run.intField("to"));
            assertEquals("committed", run.field("outcome"));
            assertEquals("48 → 47", run.field("steps", 0, "step"));
            assertEquals(true, run.field("steps", 0, "losesData"), "48 → 47 drops the EE client columns");
            assertEquals("47 → 46", run.field("steps", 1, "step"));
            assertEquals(false, run.field("steps", 1, "losesData"));
            assertEquals("46", Catalogs.version(db), "hdb_version row");
        }
    }

    @Test
    void historyIsReconciledWhenHasuraMovedTheCatalogItself() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 46);
            // Hasura v2.23 starts and upgrades the catalog 46 → 48 on its own: our history still says 46.
            db.execute("CREATE INDEX hdb_cron_event_invocation_event_id ON hdb_catalog.hdb_cron_event_invocation_logs (event_id)",
                    "ALTER TABLE hdb_catalog.hdb_version ADD COLUMN ee_client_id text, ADD COLUMN ee_client_secret text",
                    "UPDATE hdb_catalog.hdb_version SET version = '48'");
            CliRun status = CliRun.on(db, "status");
            assertTrue(status.out().contains("records catalog 46, differs from hdb_version"), status.printed());

            CliRun run = CliRun.on(db, "--to-version", "47");
            assertEquals(0, run.exitCode(), run.printed());
            assertTrue(run.out().contains("history reconciled: it recorded catalog 46, hdb_version says 48"), run.printed());
            assertTrue(CliRun.on(db, "status").out().contains("in sync (records catalog 47)"));
        }
    }

    @Test
    void historyIsReconciledWhenTheCatalogWasDowngradedByHand() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            // Someone ran the manual SQL from Hasura's docs: catalog 47, but our history still says 48.
            db.execute("ALTER TABLE hdb_catalog.hdb_version DROP COLUMN ee_client_id, DROP COLUMN ee_client_secret",
                    "UPDATE hdb_catalog.hdb_version SET version = '47'");
            CliRun run = CliRun.on(db, "--to-version", "46");
            assertEquals(0, run.exitCode(), run.printed());
            assertTrue(run.out().contains("history reconciled: it recorded catalog 48, hdb_version says 47"), run.printed());
            assertTrue(CliRun.on(db, "status").out().contains("in sync (records catalog 46)"));
            assertEquals(0, CliRun.on(db, "upgrade", "--to-version", "48").exitCode(), "and the way up is intact");
        }
    }

    @Test
    void historyWrittenByANewerToolIsRefused() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("INSERT INTO hdb_catalog_rollback.databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype)"
                    + " VALUES ('" + Step.changesetId(INDEX.highest().next()) + "', 'catalog-rollback', 'hasura-catalog', now(), 99, 'EXECUTED')");
            assertTrue(refused(db, 4, "--to-version", "47").err().contains("names changesets this tool does not know ("
                    + Step.changesetId(INDEX.highest().next()) + ")"));
        }
    }

    @Test
    void helpListsEveryExitCode() {
        CliRun help = CliRun.run("--help");
        assertEquals(0, help.exitCode());
        String exitCodes = help.out().substring(help.out().indexOf("Exit codes:")).replaceAll("\\s+", " ");
        for (ExitCode code : ExitCode.values()) {
            assertTrue(exitCodes.contains(" " + code.code() + " " + code.meaning() + " "),
                    "--help lists exit code " + code.code() + " with its whole meaning\n" + help.out());
        }
        assertEquals(ExitCode.values().length, java.util.regex.Pattern.compile("(?m)^  \\d+ ").matcher(
                help.out().substring(help.out().indexOf("Exit codes:"))).results().count(), "no other exit code is listed\n" + help.out());
        assertTrue(help.out().contains("upgrade") && help.out().contains("status") && help.out().contains("init"), help.out());
        CliRun unknown = CliRun.run("--no-such-option");
        assertEquals(2, unknown.exitCode(), unknown.printed());
    }

    @Test
    void helpSaysHowToEncodeThePasswordAndWhichLockTimeoutsAreAccepted() {
        for (String command : List.of("status", "plan", "verify", "history", "upgrade", "init")) {
            CliRun help = CliRun.run(command, "--help");
            String text = help.out().replaceAll("\\s+", " ");
            assertTrue(text.contains("Percent-encode special characters in the password (@ as %40, / as %2F, % as %25, …)"),
                    "the %-escapes are formatted, not printed raw\n" + help.out());
            assertTrue(text.contains("--lock-timeout=SECONDS") && text.contains("1 … 86400 (default: 10)"), command + "\n" + help.out());
        }
    }
}
