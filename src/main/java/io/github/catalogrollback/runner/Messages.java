package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.ToolSchema;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.safety.ShapeCheck;
import java.util.List;

/**
 * Every message the runner gives an operator, in one place; those about source catalogs are in {@link SourceMessages}.
 * Each is one line that says what went wrong, whether the database changed, and what to do next; none contains a
 * password or a URL (databases are named through {@link DatabaseAddress#describe()}).
 */
final class Messages {

    private Messages() {
    }

    /** What a failed run left: "the catalog is still 47", or for init "nothing was created". */
    static String still(CatalogVersion current) {
        return current == null ? "nothing was created" : "the catalog is still " + current;
    }

    static String rolledBack(String what, CatalogVersion current) {
        return what + "; the whole run was rolled back, " + still(current) + ".";
    }

    // --- before anything changes -------------------------------------------------------------------------------

    static String locked(DatabaseAddress address) {
        return "another catalog-rollback run holds the lock on " + address.describe() + "; nothing changed. Wait for it to"
                + " finish, then retry.";
    }

    static String wrongDirection(CatalogVersion current, CatalogVersion target, Direction asked) {
        Direction needed = target.isBelow(current) ? Direction.DOWN : Direction.UP;
        return "the catalog is at " + current + " and catalog " + target + " is " + (needed == Direction.UP ? "newer" : "older")
                + ", so " + asked.verb() + " cannot reach it; nothing changed. Use `catalog-rollback "
                + (needed == Direction.UP ? "upgrade " : "") + "--to-version " + target + "`.";
    }

    static String noSuchBackup(String runId, String table) {
        return "there is no backup of run '" + runId + "' (" + table + " does not exist); nothing changed. `catalog-rollback"
                + " history` lists the runs and their backups.";
    }

    static String drift(CatalogVersion current, List<?> findings) {
        return "the catalog differs from the shape of catalog " + current + " (" + count(findings.size(), "difference")
                + ", first: " + findings.get(0) + "); nothing changed. Run `catalog-rollback verify` to see them, repair the"
                + " catalog, or pass --ignore-drift.";
    }

    static String foreignObjectsDestroyed(List<DriftCheck.Finding> destroyed) {
        return "the path would destroy " + count(destroyed.size(), "object") + " that Hasura never made: "
                + String.join("; ", destroyed.stream().map(f -> f.item().label() + " (by step " + f.steps().get(0) + ")").toList())
                + "; nothing changed. Move them out of the way (another schema, or off Hasura's tables and columns), or pass"
                + " --drop-foreign-objects to back up their definitions and rows into the run's backup and drop them.";
    }

    static String foreignObjectsUnsupported(List<?> unsupported) {
        return "--drop-foreign-objects cannot back up and drop " + String.join("; ", unsupported.stream().map(Object::toString).toList())
                + "; nothing changed.";
    }

    static String foreignObjectDropped(String object, String step) {
        return "dropped " + object + " (step " + step + " would have destroyed it); its definition, and a table's rows, are in the backup";
    }

    static String hasuraRunning(DatabaseAddress address, List<?> signs) {
        return "Hasura may be running on " + address.describe() + ": " + String.join("; ", signs.stream().map(Object::toString).toList())
                + "; nothing changed. Stop every graphql-engine instance and other clients first, or pass --force.";
    }

    static String lacksPrivileges(DatabaseAddress address, List<String> missing) {
        return "user " + address.user() + " lacks what the run needs: " + String.join("; ", missing) + "; nothing changed."
                + " Connect as the catalog's owner (README.md, Privileges).";
    }

    static String lacksReadPrivileges(DatabaseAddress address, String verb, List<String> missing) {
        return "user " + address.user() + " lacks what " + verb + " needs: " + String.join("; ", missing) + "; nothing changed."
                + " Grant it, or connect as the catalog's owner (README.md, Privileges).";
    }

    static String untrustedToolSchema(DatabaseAddress address, List<String> findings) {
        return "the tool's schema " + ToolSchema.NAME + " is not safe to use as user " + address.user() + ": "
                + String.join("; ", findings.subList(0, Math.min(3, findings.size())))
                + (findings.size() > 3 ? " (and " + (findings.size() - 3) + " more)" : "") + "; nothing changed. Whoever owns"
                + " objects there could make this run execute code as " + address.user() + ". Check them, drop what you did"
                + " not create, and let " + address.user() + " own the schema and its objects (README.md, Security).";
    }

    static String toolTablesUnsafeToRead(DatabaseAddress address, List<String> findings) {
        return "reading the tool's tables could run another role's code as user " + address.user() + ": "
                + String.join("; ", findings) + " (catalog-rollback creates plain tables only); nothing changed. Check and"
                + " repair " + ToolSchema.NAME + " (README.md, Security).";
    }

    static String toV1Blocked(List<String> blockers) {
        return "43 → 42 cannot move this metadata into a v1 catalog: " + String.join("; ", blockers) + "; nothing changed.";
    }

    /** The lost items of the metadata, by path: how many, the first three, and where to see them all. */
    static String toV1WouldLose(List<String> paths, CatalogVersion target) {
        int shown = Math.min(3, paths.size());
        return "43 → 42 cannot keep " + paths.size() + (paths.size() == 1 ? " metadata item" : " metadata items") + " that v1 cannot hold ("
                + String.join(", ", paths.subList(0, shown)) + (paths.size() > shown ? ", and " + (paths.size() - shown) + " more" : "")
                + "); nothing changed. `catalog-rollback plan --to-version " + target + "` lists them all; pass"
                + " --accept-metadata-loss to drop them (the whole metadata document is backed up first).";
    }

    static String initOnExistingCatalog(DatabaseAddress address) {
        return address.describe() + " already holds a Hasura catalog (hdb_catalog.hdb_version exists); nothing changed. Use"
                + " `catalog-rollback status` to see it.";
    }

    static String initOnForeignSchema(DatabaseAddress address) {
        return "schema hdb_catalog in " + address.describe() + " is not empty but has no hdb_version table; nothing changed."
                + " Init only creates a catalog in an empty database.";
    }

    // --- reading the catalog -----------------------------------------------------------------------------------

    static String noCatalog(DatabaseAddress address) {
        return address.describe() + " has no Hasura catalog (schema hdb_catalog is missing); nothing changed. Point"
                + " --database-url at Hasura's metadata database, or create one with `catalog-rollback init --to-version N`.";
    }

    static String noVersionTable(DatabaseAddress address) {
        return "schema hdb_catalog in " + address.describe() + " has no hdb_version table, so its catalog version is unknown;"
                + " nothing changed. Is this a Hasura metadata database?";
    }

    static String versionRows(int rows) {
        return "hdb_catalog.hdb_version holds " + rows + " rows instead of one, so the catalog version is unknown; nothing"
                + " changed. Repair it by hand first.";
    }

    static String notAVersion(String printable) {
        return "hdb_catalog.hdb_version holds '" + printable + "', which is not a catalog version; nothing changed. Repair it"
                + " by hand first.";
    }

    static String newerThanKnown(String what, CatalogVersion version, String range) {
        return what + " " + version + " is newer than this tool knows (" + range + "); nothing changed. Use a newer"
                + " catalog-rollback, or check for a fork of graphql-engine.";
    }

    static String olderThanHandled(String what, CatalogVersion version, String range) {
        return what + " " + version + " is older than this tool handles (" + range + "); nothing changed.";
    }

    static String readLockTimeout(DatabaseAddress address, String verb, java.time.Duration lockTimeout) {
        return verb + " waited " + lockTimeout.toSeconds() + " s (--lock-timeout) for a lock another session holds on the catalog"
                + " of " + address.describe() + " (a catalog-rollback run, a migration, or Hasura); nothing changed. Retry when"
                + " it is done, or raise --lock-timeout.";
    }

    static String readFailed(DatabaseAddress address, String detail) {
        return "reading the catalog of " + address.describe() + " failed: " + detail + "; nothing changed.";
    }

    // --- Liquibase's history -----------------------------------------------------------------------------------

    static String unknownChangesets(String table, List<String> unknown) {
        return "the history in " + table + " names changesets this tool does not know (" + String.join(", ",
                unknown.subList(0, Math.min(3, unknown.size()))) + "); nothing changed. A newer catalog-rollback wrote it: use that one.";
    }

    static String adopted(CatalogVersion actual) {
        return "adopted: the history now records catalog " + actual + " (the database had no catalog-rollback history)";
    }

    static String reconciled(String recorded, CatalogVersion actual) {
        return "history reconciled: it recorded catalog " + recorded + ", hdb_version says " + actual
                + " (the catalog was moved by something else, e.g. Hasura's own upgrade)";
    }

    static String liquibaseLockChanging(String table, String sessions) {
        return "another session is taking or releasing Liquibase's lock (" + table + ") right now, as a stock Liquibase run"
                + " does" + (sessions.isEmpty() ? "" : " (" + sessions + ")") + "; nothing changed. Wait for that run to finish,"
                + " then retry.";
    }

    static String liquibaseLockHeld(String table, String lockedBy, String since, String sessions) {
        return "Liquibase's lock (" + table + ") is held by " + lockedBy + " since " + since + ", and other clients are"
                + " connected (" + sessions + "): a stock Liquibase run may be in progress; nothing changed. Wait for it to"
                + " finish; if it is dead, end its session or run `liquibase release-locks`.";
    }

    static String staleLiquibaseLockCleared(String lockedBy, String since) {
        return "cleared Liquibase's stale lock (taken by " + lockedBy + " at " + since + "; no client of it is connected any more)";
    }

    static String staleHistoryCleared() {
        return "cleared a stale history: it recorded a catalog that no longer exists";
    }

    // --- while and after the steps run -------------------------------------------------------------------------

    static String stepFailed(String step, String cause, CatalogVersion current) {
        return rolledBack((step == null ? "Liquibase failed: " : "step " + step + " failed: ") + cause, current);
    }

    static String statementFailed(String detail) {
        return detail + "; the whole run was rolled back, nothing changed.";
    }

    static String transactionAborted(CatalogVersion current) {
        return rolledBack("a statement failed inside the run's transaction", current);
    }

    static String versionAfterSteps(CatalogVersion after, CatalogVersion target, CatalogVersion current) {
        return rolledBack("after the steps hdb_version says " + after + " instead of " + target, current);
    }

    static String historyAfterSteps(CatalogVersion target, CatalogVersion current) {
        return rolledBack("after the steps Liquibase's history does not record catalog " + target, current);
    }

    static String shapeAfterSteps(List<ShapeCheck.Problem> problems, CatalogVersion current) {
        ShapeCheck.Problem first = problems.get(0);
        return rolledBack("after the steps " + first.what() + ": " + first.item()
                + (problems.size() > 1 ? " (and " + count(problems.size() - 1, "more problem") + ")" : ""), current);
    }

    static String connectionFailed(DatabaseAddress address, String detail) {
        return "the connection to " + address.describe() + " failed: " + detail + "; PostgreSQL rolled back anything unfinished.";
    }

    static String commitOutcomeUnknown(DatabaseAddress address, String detail, CatalogVersion from, CatalogVersion to) {
        return "the connection to " + address.describe() + " broke during COMMIT (" + detail + "), so whether the catalog is"
                + " now " + to + " or still " + (from == null ? "absent" : from) + " is unknown; run `catalog-rollback status` to see.";
    }

    static String noSteps(CatalogVersion version) {
        return "the script would start and end at catalog " + version + ": there is no step to write. Give the version the"
                + " database is at as --from-version and where it should go as --to-version.";
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
