package io.github.catalogrollback.runner;

import static io.github.catalogrollback.runner.Messages.rolledBack;

import io.github.catalogrollback.catalog.CatalogVersion;
import java.util.List;

/**
 * The messages about source catalogs (every source database's hdb_source_catalog_version and event objects): what
 * a source problem, a source step's failure or a half-moved set of sources means, and what to do. The same rules as
 * {@link Messages}: one line, whether the database changed, no password or URL.
 */
final class SourceMessages {

    private SourceMessages() {
    }

    /** What a newer server does with a lower source catalog: why a half-moved set of sources is safe. */
    static final String SOURCES_SAFE = "This state is safe: a newer server upgrades a lower source catalog itself at start-up,"
            + " so the server you run now still starts; run the same command again to finish.";

    /** The first clause of a one-line message, without its "; nothing changed…" tail: to quote it inside another. */
    static String phrase(String message) {
        int cut = message.indexOf("; nothing changed");
        return cut < 0 ? message : message.substring(0, cut);
    }

    static String sourceNotAVersion(String source, String printable) {
        return "source " + source + ": hdb_catalog.hdb_source_catalog_version holds '" + printable + "', which is not a source catalog"
                + " version; nothing changed. Repair it by hand first, or pass --skip-source.";
    }

    static String sourceNewerThanKnown(String source, Object version, String range) {
        return "source " + source + ": source catalog " + version + " is newer than this tool knows (" + range + "); nothing changed."
                + " Use a newer catalog-rollback, or pass --skip-source.";
    }

    static String sourceUnknownChangesets(String source, String table, List<String> unknown) {
        return "source " + source + ": the history in " + table + " names changesets this tool does not know (" + String.join(", ",
                unknown.subList(0, Math.min(3, unknown.size()))) + "); nothing changed. A newer catalog-rollback wrote it: use that one.";
    }

    /** A problem phrase: the environment variable a source's URL comes from is not set. */
    static String sourceEnvUnset(String variable, boolean hasurasRuleRefused) {
        return "environment variable " + variable + " is not set here" + (hasurasRuleRefused ? " (and the metadata database has no"
                + " source catalog although this source has event triggers, so it is not the metadata database)" : "");
    }

    static String sourceUrlForm() {
        return "its database_url has a form catalog-rollback cannot resolve (e.g. dynamic_from_file)";
    }

    static String sourceParametersIncomplete() {
        return "its connection_parameters lack a host, a database or a valid port";
    }

    static String sourceUrlMalformed() {
        return "its URL is not a PostgreSQL URL";
    }

    static String unknownSourceNamed(List<String> unknown, List<String> names) {
        return "--source/--skip-source name " + String.join(", ", unknown) + ", which the metadata does not list (it lists: "
                + (names.isEmpty() ? "no source" : String.join(", ", names)) + "); nothing changed.";
    }

    static String sourceOnlyNamesSources() {
        return "--source and --skip-source name sources of the metadata, and this database holds only a source catalog (no"
                + " metadata); nothing changed.";
    }

    static String sourceUnreachable(String source, String problem) {
        return "source " + source + " cannot be reached: " + problem + "; nothing changed in any database. Every source must be"
                + " reachable before any moves: fix it, point --source " + nameOf(source) + "=URL at it, or pass --skip-source "
                + nameOf(source) + ".";
    }

    static String sourceRefused(String source, String problem) {
        return "source " + source + ": " + problem + "; nothing changed in any database. Pass --source " + nameOf(source)
                + "=URL or --skip-source " + nameOf(source) + ".";
    }

    static String sourceDrift(String source, Object version, List<String> mismatches) {
        return "source " + source + ": its source catalog differs from the shape of source catalog " + version + " ("
                + String.join("; ", mismatches) + "); nothing changed in any database. Repair it, or pass --ignore-drift.";
    }

    static String sourceLocked(String source) {
        return "another catalog-rollback run holds the lock on source " + source + "; nothing changed in any database. Wait for"
                + " it to finish, then retry.";
    }

    static String sourceLacksPrivileges(String source, String user, List<String> missing) {
        return "source " + source + ": user " + user + " lacks what the run needs: " + String.join("; ", missing) + "; nothing"
                + " changed in any database. Connect as the owner of its hdb_catalog (README.md, Privileges).";
    }

    static String sourceHasuraRunning(String source, List<?> signs) {
        return "Hasura may be running on source " + source + ": " + String.join("; ", signs.stream().map(Object::toString).toList())
                + "; nothing changed in any database. Stop every graphql-engine instance first, or pass --force.";
    }

    /** A separate source database failed; the ones before it committed. */
    static String sourceFailed(String source, String step, String cause, Object still, String moved) {
        return "source " + source + ": " + (step == null ? "" : "step " + step + " failed: ") + cause + "; its transaction was rolled"
                + " back, its source catalog is still " + still + ". " + (moved.isEmpty() ? "No source database had moved; nothing"
                + " changed in any database." : "Already moved and committed: " + moved + ". The metadata database was not changed. "
                + SOURCES_SAFE);
    }

    /** The metadata transaction failed after other source databases committed. */
    static String afterSourcesMoved(String failure, String moved) {
        return failure + " The source databases moved before it stay moved: " + moved + ". " + SOURCES_SAFE;
    }

    /** A failure inside a transaction that moves a source catalog: the metadata run's, or a source-only database's. */
    private static String sourceRolledBack(String what, CatalogVersion current) {
        return current == null ? what + "; the whole run was rolled back, nothing changed." : rolledBack(what, current);
    }

    static String sourceStepFailed(String source, String step, String cause, CatalogVersion current) {
        return sourceRolledBack("source " + source + ": " + (step == null ? "Liquibase failed: " : "step " + step + " failed: ") + cause,
                current);
    }

    /** After a source's steps its catalog is not what they should have left; the caller says what was rolled back. */
    static String sourceAfterSteps(String source, Object expected, List<String> problems, CatalogVersion current) {
        String what = "after its steps source " + source + " is not " + (expected == null ? "free of a source catalog"
                : "source catalog " + expected) + " (" + String.join("; ", problems) + ")";
        return current == null ? what : rolledBack(what, current);
    }

    static String sourceOnlyAfterSteps(String what) {
        return sourceRolledBack(what, null);
    }

    static String sourceCommitOutcomeUnknown(DatabaseAddress address, String detail, String move) {
        return "the connection to " + address.describe() + " broke during COMMIT (" + detail + "), so whether its source catalog"
                + " moved (" + move + ") is unknown; run `catalog-rollback status` to see.";
    }

    static String sourceCreatedWithData(String loss, CatalogVersion current) {
        return sourceRolledBack("step 42 → 43 left event objects with data that the source steps to the target would drop (" + loss
                + "), after the backup was taken; run the upgrade with --no-backup to accept that, or upgrade to a release that"
                + " ships source catalog 3", current);
    }

    static String sourceSkippedNote(java.util.Optional<?> highest) {
        return "skipped (--skip-source): not checked and not moved" + highest.map(v -> "; it will not start the target server if"
                + " its source catalog is above " + v).orElse("");
    }

    static String sourceUnusedByV1Note() {
        return "left as it is: a v1 server does not use it";
    }

    static String sourceCreatedNote(Object version) {
        return "step 42 → 43 brings this database's event objects to source catalog " + version + " first";
    }

    static String sourceRemovedNote() {
        return "then step 43 → 42 removes the source catalog version (a v1 catalog keeps none)";
    }

    /** "default (database …, from_env …)" → "default", for the options a message suggests. */
    private static String nameOf(String label) {
        int paren = label.indexOf(" (");
        return paren < 0 ? label : label.substring(0, paren);
    }
}
