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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one case a row: each gets its own exit code and a one-line message that names the problem, prints
 * no password, and leaves the database exactly as it was.
 */
class BadInputTest {

    /** One bad input: how to arrange the database, what to type, what must come back. */
    record Case(String name, Consumer<TestDatabase> arrange, Function<TestDatabase, List<String>> args, Map<String, String> env,
                int exitCode, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The version after the highest the changelogs hold: what a newer Hasura (or a fork) would write. */
    private static final String BEYOND = ChangelogIndex.load().highest().next().toString();
    private static final String BEYOND_STEP = Step.changesetId(ChangelogIndex.load().highest().next());

    private static final String RO_ROLE = "ro_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RO_PASSWORD = "Ro-Passw0rd-" + RO_ROLE;

    private static Case at(String name, int version, List<String> args, int exitCode, String message) {
        return new Case(name, db -> Catalogs.init(db, version), db -> withUrl(db, args), Map.of(), exitCode, message);
    }

    private static Case arranged(String name, Consumer<TestDatabase> arrange, List<String> args, int exitCode, String message) {
        return new Case(name, arrange, db -> withUrl(db, args), Map.of(), exitCode, message);
    }

    private static List<String> withUrl(TestDatabase db, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--database-url");
        all.add(db.url());
        return all;
    }

    private static Consumer<TestDatabase> initThen(int version, String... sql) {
        return db -> {
            Catalogs.init(db, version);
            db.execute(sql);
        };
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("malformed URL", db -> { }, db -> List.of("--to-version", "47", "--database-url", "mysql://root:Sekr1t-x@db/h"),
                    Map.of(), 2, "not a PostgreSQL URL"),
            new Case("port out of range", db -> { }, db -> List.of("--to-version", "47", "--database-url", "postgres://u:Sekr1t-x@h:99999/d"),
                    Map.of(), 2, "names port 99999, which does not exist"),
            new Case("no database URL anywhere", db -> { }, db -> List.of("--to-version", "47"), Map.of(), 2,
                    "no database given"),
            new Case("wrong password", db -> Catalogs.init(db, 48), db -> List.of("--to-version", "47", "--database-url",
                    db.urlWithPassword("Sekr1t-wrong")), Map.of(), 7, "cannot log in to database"),
            new Case("unreachable port", db -> { }, db -> List.of("--to-version", "47", "--database-url",
                    "postgres://u:Sekr1t-x@127.0.0.1:1/hasura"), Map.of(), 7, "cannot connect to 127.0.0.1:1"),
            new Case("unknown host", db -> { }, db -> List.of("--to-version", "47", "--database-url",
                    "postgres://u:Sekr1t-x@no-such-host.invalid:5432/hasura"), Map.of(), 7, "cannot connect to no-such-host.invalid:5432"),
            new Case("database does not exist", db -> { }, db -> List.of("status", "--database-url", db.url() + "_gone"), Map.of(), 7,
                    "does not exist"),
            new Case("TLS required by the URL, server without TLS", db -> Catalogs.init(db, 48), db -> List.of("--to-version", "47",
                    "--database-url", db.url() + "?sslmode=require"), Map.of(), 7, "SSL"),
            arranged("database without hdb_catalog", db -> { }, List.of("--to-version", "47"), 4, "has no Hasura catalog"),
            arranged("hdb_catalog without hdb_version", db -> db.execute("CREATE SCHEMA hdb_catalog"), List.of("--to-version", "47"), 4,
                    "has no hdb_version table"),
            arranged("hdb_version empty", db -> db.execute("CREATE SCHEMA hdb_catalog", "CREATE TABLE hdb_catalog.hdb_version (version text)"),
                    List.of("--to-version", "47"), 4, "holds 0 rows instead of one"),
            arranged("hdb_version holds garbage", initThen(47, "UPDATE hdb_catalog.hdb_version SET version = 'abc'"),
                    List.of("--to-version", "46"), 4, "holds 'abc', which is not a catalog version"),
            arranged("hdb_version holds 0.8", initThen(47, "UPDATE hdb_catalog.hdb_version SET version = '0.8'"),
                    List.of("--to-version", "46"), 4, "holds '0.8', which is not a catalog version"),
            arranged("hdb_version holds two rows", initThen(47, "DROP INDEX hdb_catalog.hdb_version_one_row",
                    "INSERT INTO hdb_catalog.hdb_version (version, upgraded_on) VALUES ('46', now())"),
                    List.of("--to-version", "46"), 4, "holds 2 rows instead of one"),
            arranged("catalog newer than the tool (a fork's next version)", initThen(48, "UPDATE hdb_catalog.hdb_version SET version = '" + BEYOND + "'"),
                    List.of("--to-version", "47"), 4, "catalog version " + BEYOND + " is newer than this tool knows"),
            arranged("catalog older than the tool", initThen(48, "UPDATE hdb_catalog.hdb_version SET version = '5'"),
                    List.of("--to-version", "47"), 4, "catalog version 5 is older than this tool handles"),
            at("unknown release", 48, List.of("--to-release", "v9.9.9"), 4, "unknown release 'v9.9.9'"),
            at("release that is not a tag", 48, List.of("--to-release", "latest"), 4, "unknown release 'latest'"),
            at("image reference naming no release", 48, List.of("--to-release", "hasura/graphql-engine:latest"), 4,
                    "unknown release 'hasura/graphql-engine:latest'"),
            at("release below catalog 12", 48, List.of("--to-release", "v1.0.0-alpha40"), 4, "runs catalog 11, outside what this tool handles"),
            at("version newer than known", 48, List.of("--to-version", BEYOND), 4, "target catalog version " + BEYOND + " is newer than this tool knows"),
            at("version below what the tool handles", 48, List.of("--to-version", "11"), 4, "target catalog version 11 is older than this tool handles"),
            at("version that is not a number", 48, List.of("--to-version", "forty"), 2, "'forty' is not a catalog version"),
            at("negative version", 48, List.of("--to-version", "-1"), 2, "is not a catalog version"),
            at("both targets", 48, List.of("--to-version", "47", "--to-release", "v2.0.7"), 2, "exactly one of --to-version and --to-release"),
            at("no target", 48, List.of(), 2, "--to-version N or --to-release TAG"),
            at("target equal to current", 47, List.of("--to-version", "47"), 0, "catalog is already at 47 (v2.0.7 … v2.22.1) in database"),
            at("target equal to current, --detailed-exitcode", 47, List.of("--to-version", "47", "--detailed-exitcode"), 3, "nothing to do"),
            at("rollback to a newer version", 46, List.of("--to-version", "48"), 4, "rollback cannot reach it"),
            at("upgrade to an older version", 46, List.of("upgrade", "--to-version", "44"), 4, "upgrade cannot reach it"),
            at("unknown option", 48, List.of("--to-version", "47", "--yes-really"), 2, "Unknown option"),
            at("lock timeout that is not a number", 48, List.of("--to-version", "47", "--lock-timeout", "soon"), 2, "--lock-timeout"),
            at("unknown output format", 48, List.of("status", "--output", "yaml"), 2, "--output"),
            arranged("drifted catalog", initThen(47, "ALTER TABLE hdb_catalog.hdb_cron_events ALTER COLUMN status SET DEFAULT 'paused'"),
                    List.of("--to-version", "46"), 4, "the catalog differs from the shape of catalog 47"),
            arranged("foreign object the path would destroy", initThen(48,
                    "CREATE VIEW public.keeps_ee AS SELECT ee_client_id FROM hdb_catalog.hdb_version"),
                    List.of("--to-version", "47"), 4, "the path would destroy 1 object that Hasura never made: view public.keeps_ee"
                    + " (by step 48 → 47)"),
            arranged("history written by a newer tool", initThen(48, "INSERT INTO hdb_catalog_rollback.databasechangelog (id, author,"
                    + " filename, dateexecuted, orderexecuted, exectype) VALUES ('" + BEYOND_STEP + "', 'catalog-rollback', 'hasura-catalog', now(), 99,"
                    + " 'EXECUTED')"), List.of("--to-version", "47"), 4, "names changesets this tool does not know (" + BEYOND_STEP + ")"),
            at("restore from a backup that does not exist", 46, List.of("upgrade", "--to-version", "48", "--restore-from",
                    "20200101t000000z_dead"), 4, "there is no backup of run '20200101t000000z_dead'"),
            at("restore from something that is not a run id", 46, List.of("upgrade", "--to-version", "48", "--restore-from",
                    "x'; DROP TABLE y; --"), 2, "is not a run id"),
            at("lock timeout of zero", 48, List.of("--to-version", "47", "--lock-timeout", "0"), 2, "0 seconds is outside 1 … 86400"),
            at("negative lock timeout", 48, List.of("--to-version", "47", "--lock-timeout", "-5"), 2, "-5 seconds is outside 1 … 86400"),
            at("lock timeout above a day", 48, List.of("--to-version", "47", "--lock-timeout", "86401"), 2, "86401 seconds is outside"),
            at("lock timeout that overflows a long", 48, List.of("--to-version", "47", "--lock-timeout", "99999999999999999999999"), 2,
                    "99999999999999999999999 seconds is outside"),
            at("status with a lock timeout of zero", 48, List.of("status", "--lock-timeout", "0"), 2, "--lock-timeout"),
            at("release with a newline and an escape sequence", 48, List.of("--to-release", "v2.0.7\n\u001b[31mFAKE: all good"), 4,
                    "unknown release 'v2.0.7\\n\\u001b[31mFAKE: all good'"),
            at("mistyped command", 48, List.of("statsu"), 2, "'statsu' (did you mean status?)"),
            at("mistyped option", 48, List.of("--to-version", "47", "--dry-rn"), 2, "'--dry-rn' (did you mean --dry-run?)"),
            at("mistyped --database-url followed by a URL", 48, List.of("--to-version", "47", "--database-ur", "postgres://u:Sekr1t-x@h/db"),
                    2, "'--database-ur', 'postgres://***' (did you mean --database-url?)"),
            at("stray URL argument", 48, List.of("--to-version", "47", "postgres://u:Sekr1t-x@h/db"), 2, "'postgres://***'"),
            at("URL as the lock timeout", 48, List.of("--to-version", "47", "--lock-timeout", "postgres://u:Sekr1t-x@h/db"), 2,
                    "'postgres://***' is not a whole number of seconds"),
            at("password= pair as an unknown option", 48, List.of("--to-version", "47", "--pgpassword=Sekr1t-x"), 2,
                    "'--pgpassword=***'"),
            new Case("password with an unencoded @", db -> { }, db -> List.of("--to-version", "47", "--database-url",
                    "postgres://u:Sekr1t-x@secret@127.0.0.1/db"), Map.of(), 2, "percent-encode special characters in the password"),
            new Case("password with a % that starts no escape", db -> { }, db -> List.of("status", "--database-url",
                    "postgres://u:pa%zzSekr1t-x@127.0.0.1/db"), Map.of(), 2, "percent-encode special characters in the password"),
            new Case("no USAGE on hdb_catalog, a run", db -> {
                Catalogs.init(db, 48);
                db.execute("GRANT USAGE ON SCHEMA hdb_catalog_rollback TO " + RO_ROLE);
            }, db -> List.of("--to-version", "47", "--database-url", db.urlAs(RO_ROLE, RO_PASSWORD)), Map.of(), 4,
                    "user " + RO_ROLE + " lacks what rollback needs: USAGE on schema hdb_catalog"),
            new Case("no USAGE on hdb_catalog, status", db -> Catalogs.init(db, 48),
                    db -> List.of("status", "--database-url", db.urlAs(RO_ROLE, RO_PASSWORD)), Map.of(), 4,
                    "user " + RO_ROLE + " lacks what status needs: USAGE on schema hdb_catalog"),
            new Case("no SELECT on the run history, history", db -> {
                Catalogs.init(db, 48);
                db.execute("GRANT USAGE ON SCHEMA hdb_catalog_rollback TO " + RO_ROLE);
            }, db -> List.of("history", "--database-url", db.urlAs(RO_ROLE, RO_PASSWORD)), Map.of(), 4,
                    "lacks what history needs: SELECT on 3 tables of hdb_catalog_rollback"),
            at("init on a database that has a catalog", 46, List.of("init", "--to-version", "48"), 4, "already holds a Hasura catalog"),
            arranged("init on a non-empty hdb_catalog without hdb_version", db -> db.execute("CREATE SCHEMA hdb_catalog",
                    "CREATE TABLE hdb_catalog.mine (id int)"), List.of("init", "--to-version", "48"), 4, "is not empty but has no hdb_version"),
            new Case("read-only user", db -> {
                Catalogs.init(db, 48);
                db.execute("GRANT USAGE ON SCHEMA hdb_catalog, hdb_catalog_rollback TO " + RO_ROLE,
                        "GRANT SELECT ON ALL TABLES IN SCHEMA hdb_catalog TO " + RO_ROLE);
            }, db -> List.of("--to-version", "47", "--database-url", db.urlAs(RO_ROLE, RO_PASSWORD)), Map.of(), 4,
                    "user " + RO_ROLE + " lacks what the run needs: owner of"));
    }

    static {
        TestDatabase.executeOnServer("CREATE ROLE " + RO_ROLE + " LOGIN PASSWORD '" + RO_PASSWORD + "'");
    }

    @AfterAll
    static void dropRole() {
        TestDatabase.executeOnServer("DROP ROLE IF EXISTS " + RO_ROLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithItsOwnCodeAndChangesNothing(Case c) {
        try (TestDatabase db = TestDatabase.fresh()) {
            c.arrange().accept(db);
            Fingerprint before = Fingerprint.of(db);

            CliRun run = CliRun.withEnv(c.env(), c.args().apply(db).toArray(String[]::new));

            assertEquals(c.exitCode(), run.exitCode(), run.printed());
            if (c.exitCode() != 0 && c.exitCode() != 3) {
                assertEquals(1, run.err().strip().lines().count(), "one line on stderr\n" + run.printed());
                assertTrue(run.err().startsWith("error: ") || c.exitCode() == 2, run.printed());
            }
            assertTrue(run.err().contains(c.message()) || run.out().contains(c.message()), "names the problem: " + c.message() + "\n" + run.printed());
            for (String secret : List.of(db.password(), "Sekr1t-x", "Sekr1t-wrong", RO_PASSWORD)) {
                assertFalse(run.out().contains(secret) || run.err().contains(secret), "no password in the output\n" + run.printed());
            }
            assertEquals(before, Fingerprint.of(db), "the database is exactly as it was");
        }
    }
}
