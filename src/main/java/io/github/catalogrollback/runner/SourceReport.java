package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceStep;
import io.github.catalogrollback.safety.DataLoss;
import java.util.List;
import java.util.Optional;

/**
 * One source catalog as status, plan or a run sees it: which source (its name in the metadata), where its URL comes
 * from (never the URL), which database, whether it could be reached, its version (and which 4), its event triggers,
 * what the target makes of it (the steps and what they destroy) and, after a run, what happened.
 *
 * @param name          the source's name in the metadata; "(this database)" for a source catalog no listed source names
 * @param origin        where its URL came from: "from_env HASURA_X", "--source", "metadata database_url", …
 * @param database      "the metadata database", or the database as {@link DatabaseAddress#describe()} names it; "" unknown
 * @param reach         whether catalog-rollback could look at it
 * @param problem       why it could not (one phrase), "" otherwise
 * @param catalog       its source catalog in words: "3", "4 (4b: …)", "none", "unversioned event_log objects"
 * @param from          its version now, if it has one
 * @param to            its version after the run, if it has one then ("removed" is said in {@code notes})
 * @param eventTriggers how many event triggers it has (the metadata's count, or the live one); -1 unknown
 * @param steps         the source steps the run makes (or would make), in order
 * @param losses        what those steps destroy here (live counts)
 * @param outcome       what happened to it
 * @param ran           the steps that ran, with their times (runs only)
 * @param backupTable   where its losses were kept (a separate database keeps them in its own backup table)
 * @param notes         what the operator should know: "will not start the target server", "the same database as …"
 * @param sql           every statement a dry run ran on a separate source database
 */
public record SourceReport(String name, String origin, String database, Reach reach, String problem, String catalog,
                           Optional<SourceCatalogVersion> from, Optional<SourceCatalogVersion> to, long eventTriggers,
                           List<SourceStep> steps, List<DataLoss> losses, Outcome outcome, List<StepResult> ran,
                           Optional<String> backupTable, List<String> notes, List<String> sql) {

    /** Whether the source could be looked at, and where it moves. */
    public enum Reach {
        /** The metadata database itself: it moves in the metadata transaction. */
        METADATA_DATABASE,
        /** A separate database, reached: it moves in its own transaction, before the metadata database. */
        SEPARATE_DATABASE,
        /** Left alone with --skip-source. */
        SKIPPED,
        /** Its URL is known but the database cannot be reached. */
        UNREACHABLE,
        /** Its URL cannot be worked out (environment variable unset, unknown form). */
        UNRESOLVED,
        /** Not a Postgres source: it has no Postgres source catalog. */
        NOT_POSTGRES
    }

    /** What happened to the source catalog. */
    public enum Outcome {
        /** Status or plan: nothing ran. */
        NOT_RUN,
        /** It is already what the target needs. */
        UNCHANGED,
        /** Its steps ran and were committed. */
        COMMITTED,
        /** --dry-run: its steps ran and were rolled back on purpose. */
        REHEARSED,
        /** It was to move, but the run stopped first. */
        NOT_REACHED
    }

    public SourceReport {
        steps = List.copyOf(steps);
        losses = List.copyOf(losses);
        ran = List.copyOf(ran);
        notes = List.copyOf(notes);
        sql = List.copyOf(sql);
    }

    /** True when the run moves (or moved) this source catalog. */
    public boolean moves() {
        return !steps.isEmpty();
    }

    /** "default (the metadata database, from_env HASURA_GRAPHQL_DATABASE_URL)": how messages name a source. */
    public String label() {
        return name + " (" + (database.isEmpty() ? "" : database + ", ") + origin + ")";
    }
}
