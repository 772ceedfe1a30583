package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.catalog.SourceCatalogVersion;
import io.github.catalogrollback.catalog.SourceChangelog;
import io.github.catalogrollback.catalog.SourceReleases;
import io.github.catalogrollback.catalog.SourceStep;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.SourceDataLoss;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source catalogs of one run, status or plan, and what happens to each: the state that {@link SourceSurvey} fills
 * in and {@link SourceMoves} acts on, the decisions (which version each source catalog goes to, by which steps) and the
 * per-source reports. See {@link SourceMoves} for the order a run goes through.
 */
abstract sealed class SourcePlan implements AutoCloseable permits SourceSurvey {

    /** What the run is for: a real run (transactions and locks), or a look (read-only). */
    enum Mode { RUN, LOOK }

    /** One source catalog and what happens to it. */
    static final class Item {
        String name;
        String origin;
        String database = "";
        SourceReport.Reach reach;
        String problem = "";
        long eventTriggers = -1;
        SourceDatabase db;
        SourceCatalogReader.State state;
        Optional<SourceCatalogVersion> from = Optional.empty();
        Optional<SourceCatalogVersion> to = Optional.empty();
        boolean createdByRun;
        boolean removedByRun;
        List<SourceStep> steps = List.of();
        List<DataLoss> losses = List.of();
        SourceReport.Outcome outcome = SourceReport.Outcome.NOT_RUN;
        List<StepResult> ran = List.of();
        Optional<String> backupTable = Optional.empty();
        final List<String> notes = new ArrayList<>();
        List<String> sql = List.of();

        String label() {
            return name + " (" + (database.isEmpty() ? "" : database + ", ") + origin + ")";
        }

        String moveWords() {
            return name + " " + from.map(Object::toString).orElse("?") + " → " + to.map(Object::toString).orElse("?");
        }

        SourceReport report() {
            return new SourceReport(name, origin, database, reach, problem, state == null ? "unknown" : state.describe(), from, to,
                    eventTriggers, steps, losses, outcome, ran, backupTable, notes, sql);
        }
    }

    static final String METADATA_DATABASE = "the metadata database";
    static final String UNLISTED = "(this database)";

    final SourceChangelog chain;
    final SourceReleases releases;
    final Optional<SourceTarget> target;
    final Direction direction;
    final SourceSelection selection;
    final Mode mode;
    final Duration lockTimeout;
    final List<Item> items = new ArrayList<>();
    Item metadataItem;
    /** The metadata catalog's version before the run, for messages of a failure inside its transaction. */
    CatalogVersion metadataCurrent;

    SourcePlan(SourceChangelog chain, SourceReleases releases, Optional<SourceTarget> target, Direction direction,
                SourceSelection selection, Mode mode, Duration lockTimeout) {
        this.chain = chain;
        this.releases = releases;
        this.target = target;
        this.direction = direction;
        this.selection = selection;
        this.mode = mode;
        this.lockTimeout = lockTimeout;
    }

    // --- what happens to each source catalog --------------------------------------------------------------

    /** "3 → 2" of the run's own source catalog, for the run history of a source-only database. */
    String ownMoveWords() {
        return metadataItem == null ? "" : "source catalog " + metadataItem.moveWords().substring(metadataItem.name.length() + 1);
    }

    static boolean sameAddress(DatabaseAddress a, DatabaseAddress b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port() && a.database().equals(b.database());
    }

    void attachToMetadataDatabase(Item item) {
        item.reach = SourceReport.Reach.METADATA_DATABASE;
        item.database = METADATA_DATABASE;
        if (metadataItem == null) {
            metadataItem = item;
            return;
        }
        item.outcome = SourceReport.Outcome.UNCHANGED;
        item.notes.add("the same database as source " + metadataItem.name + ", which moves it");
    }

    void decideMetadataDatabase(Connection metadata, boolean crossesToV1, boolean crossesToV2) throws SQLException {
        Item item = metadataItem;
        SourceCatalogReader.State own = item.state;
        if (target.isEmpty()) {
            describeForStatus(item);
            return;
        }
        SourceTarget t = target.get();
        if (own.unversioned() && crossesToV2) {
            SourceCatalogVersion created = SourceCatalogVersion.of(3);
            item.createdByRun = true;
            item.to = Optional.of(t.after(created, Direction.UP, true));
            item.steps = chain.steps(created, item.to.get());
            item.notes.add(SourceMessages.sourceCreatedNote(created));
            return;
        }
        if (!own.versioned()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v == null) {
            return;
        }
        if (t.none()) {
            if (crossesToV1) {
                item.removedByRun = true;
                item.to = Optional.of(chain.lowest());
                item.steps = chain.steps(v, chain.lowest());
                item.notes.add(SourceMessages.sourceRemovedNote());
            } else {
                item.outcome = SourceReport.Outcome.UNCHANGED;
            }
        } else {
            decide(item, v, t);
        }
        if (direction == Direction.DOWN || item.removedByRun) {
            item.losses = SourceDataLoss.of(metadata, item.steps);
        }
    }

    void decide(Item item, SourceCatalogVersion v, SourceTarget t) {
        item.to = Optional.of(t.after(v, direction, false));
        item.steps = chain.steps(v, item.to.get());
        if (item.steps.isEmpty()) {
            item.outcome = SourceReport.Outcome.UNCHANGED;
        }
    }

    SourceCatalogVersion versionOrProblem(Item item) {
        try {
            SourceCatalogVersion v = SourceCatalogReader.version(item.state, chain, item.label());
            item.from = Optional.of(v);
            return v;
        } catch (RunFailure e) {
            item.problem = SourceMessages.phrase(e.getMessage());
            return null;
        }
    }

    /** Status: the version, the releases that ship it, and whether the shape agrees with it. */
    void describeForStatus(Item item) {
        if (item.state == null || !item.state.versioned()) {
            return;
        }
        SourceCatalogVersion v = versionOrProblem(item);
        if (v != null) {
            item.notes.add("source catalog " + v + " is what " + releases.describe(v) + " ship");
            List<String> drift = item.state.shape().mismatches(v);
            if (!drift.isEmpty()) {
                item.notes.add("its shape differs from source catalog " + v + ": " + String.join("; ", drift));
            }
        }
    }

    /** True when no source catalog moves. */
    boolean nothingToDo() {
        return items.stream().noneMatch(i -> !i.steps.isEmpty() || i.removedByRun || i.createdByRun);
    }

    // --- results ----------------------------------------------------------------------------------------------

    List<SourceReport> reports() {
        for (Item item : items) {
            if (item.outcome == SourceReport.Outcome.NOT_RUN && mode == Mode.RUN && !item.steps.isEmpty()) {
                item.outcome = SourceReport.Outcome.NOT_REACHED;
            }
        }
        return items.stream().map(Item::report).toList();
    }

    @Override
    public void close() {
        for (Item item : items) {
            if (item.db != null) {
                item.db.close();
            }
        }
    }
}
