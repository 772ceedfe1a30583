package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.catalog.Step;
import io.github.catalogrollback.runner.PlanResult;
import io.github.catalogrollback.runner.VerifyResult;
import io.github.catalogrollback.safety.RunHistory;
import io.github.catalogrollback.safety.DataLoss;
import io.github.catalogrollback.safety.DriftCheck;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.StatusResult;
import io.github.catalogrollback.runner.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns result records into text or JSON. The same record feeds both. */
final class Render {

    private final ReleaseMap releases;

    Render(ReleaseMap releases) {
        this.releases = releases;
    }

    /** "catalog 48 (v2.23.0-beta.1 … v2.49.5)". */
    String catalog(CatalogVersion v) {
        return "catalog " + v + " (" + releases.describe(v) + ")";
    }

    /** "47 (v2.0.7 … v2.22.1)". */
    private String version(CatalogVersion v) {
        return v + " (" + releases.describe(v) + ")";
    }

    String text(RunResult r) {
        StringBuilder out = new StringBuilder();
        String fromTo = r.from().map(f -> catalog(f) + " → " + version(r.to())).orElse("empty database → " + catalog(r.to()));
        if (r.outcome() == RunResult.Outcome.NOTHING_TO_DO) {
            return "catalog is already at " + version(r.to()) + " in " + r.database() + "; nothing to do.\n";
        }
        if (!r.sql().isEmpty()) {
            out.append("-- SQL run in the rehearsal, inside one transaction that was then rolled back:\n");
            for (String sql : r.sql()) {
                out.append(sql.strip()).append(sql.strip().endsWith(";") ? "" : ";").append('\n');
            }
            out.append('\n');
        }
        out.append(fromTo).append(", ").append(r.database()).append('\n');
        // Each step's line went to stderr live, when the step ended (ProgressPrinter); the result keeps the totals.
        for (DataLoss loss : r.losses()) {
            out.append("  data: ").append(loss.step()).append(' ').append(loss.describe())
                    .append(r.backupTable().isPresent() && loss.count() > 0 ? ", backed up" : "").append('\n');
        }
        r.backupTable().ifPresent(t -> out.append("  backup: ").append(t).append(" (restore with `catalog-rollback upgrade --to-version ")
                .append(r.from().map(Object::toString).orElse("N")).append(" --restore-from ").append(r.runId()).append("`)\n"));
        if (r.restoredRows() > 0) {
            out.append("  restored: ").append(r.restoredRows()).append(r.restoredRows() == 1 ? " row" : " rows").append(" from the backup\n");
        }
        for (String note : r.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        int n = r.steps().size();
        out.append(fromTo).append(": ").append(n).append(n == 1 ? " step, " : " steps, ")
                .append(r.outcome() == RunResult.Outcome.REHEARSED ? "rehearsed" : "committed").append(" in ")
                .append(seconds(r.elapsed()))
                .append(r.outcome() == RunResult.Outcome.REHEARSED ? ", then rolled back (dry run): the real run would succeed" : "")
                .append('\n');
        return out.toString();
    }

    String json(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("command", r.command());
        m.put("database", r.database());
        m.put("from", r.from().map(CatalogVersion::number).orElse(null));
        m.put("fromReleases", r.from().map(releases::describe).orElse(null));
        m.put("to", r.to().number());
        m.put("toReleases", releases.describe(r.to()));
        m.put("outcome", r.outcome().label());
        m.put("elapsedMs", r.elapsed().toMillis());
        m.put("steps", r.steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", s.label());
            step.put("elapsedMs", s.elapsed().toMillis());
            step.put("losesData", s.losesData());
            step.put("summary", s.summary());
            return (Object) step;
        }).toList());
        m.put("losses", losses(r.losses()));
        m.put("backupTable", r.backupTable().orElse(null));
        m.put("restoredRows", r.restoredRows());
        m.put("notes", r.notes());
        m.put("sql", r.sql());
        return Json.write(m) + "\n";
    }

    String text(StatusResult s) {
        StringBuilder out = new StringBuilder();
        out.append(catalog(s.version())).append(" in ").append(s.database()).append('\n');
        out.append("  rollback targets: ").append(targets(s.rollbackTargets(), 20)).append('\n');
        out.append("  upgrade targets:  ").append(targets(s.upgradeTargets(), 20)).append('\n');
        out.append("  history:          ").append(history(s)).append('\n');
        out.append("  source catalog:   ").append(s.sourceCatalog()).append('\n');
        out.append("  shape:            ").append(shapeSummary(s.version(), s.shape())).append('\n');
        s.shape().stream().filter(f -> f.shapeClass() != DriftCheck.ShapeClass.GENUINE_VARIANT)
                .forEach(f -> out.append("    - ").append(f).append('\n'));
        return out.toString();
    }

    String json(StatusResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", s.database());
        m.put("version", s.version().number());
        m.put("releases", releases.releasesOf(s.version()).stream().map(r -> (Object) r.tag()).toList());
        m.put("rollbackTargets", s.rollbackTargets().stream().map(v -> (Object) v.number()).toList());
        m.put("upgradeTargets", s.upgradeTargets().stream().map(v -> (Object) v.number()).toList());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("state", s.history().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        h.put("recorded", s.history().recorded().map(CatalogVersion::number).orElse(null));
        h.put("unknownChangesets", s.history().unknownChangesets());
        h.put("description", history(s));
        m.put("history", h);
        m.put("sourceCatalog", s.sourceCatalog());
        m.put("drift", s.shape().stream().anyMatch(f -> f.shapeClass() == DriftCheck.ShapeClass.MISSING_OR_DIFFERENT));
        m.put("shape", shape(s.shape()));
        return Json.write(m) + "\n";
    }

    static List<Object> losses(List<DataLoss> losses) {
        return losses.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", l.step());
            m.put("table", l.table());
            m.put("columns", l.columns());
            m.put("count", l.count());
            m.put("description", l.describe());
            return (Object) m;
        }).toList();
    }

    String text(PlanResult p) {
        StringBuilder out = new StringBuilder();
        Path path = p.path();
        out.append("plan: ").append(catalog(path.from())).append(" → ").append(version(path.to())).append(", ").append(p.database())
                .append('\n');
        int i = 1;
        for (Step step : path.steps()) {
            out.append(String.format(Locale.ROOT, "  %d. %s: %s%n", i++, step, step.summary()));
            for (DataLoss loss : p.losses()) {
                if (loss.step().equals(step.toString())) {
                    out.append("       ").append(loss.describe()).append('\n');
                }
            }
        }
        long lost = p.losses().stream().filter(l -> l.count() > 0).count();
        out.append("  data loss: ").append(lost == 0 ? "none in this database" : lost + (lost == 1 ? " item" : " items")
                + " with data; a real run backs them up first (--no-backup to skip)").append('\n');
        p.toV1().ifPresent(m -> {
            if (m.blocked()) {
                out.append("  43 → 42 refuses: ").append(String.join("; ", m.blockers())).append('\n');
            }
            out.append("  43 → 42 cannot keep: ").append(m.lost().isEmpty() ? "nothing (all metadata fits v1)"
                    : m.lost().size() + (m.lost().size() == 1 ? " metadata item" : " metadata items")
                    + " v1 cannot hold — the run refuses without --accept-metadata-loss").append('\n');
            m.lost().forEach(item -> out.append("       ").append(item.path()).append(" (").append(item.key().note())
                    .append(item.key().kept() ? "; kept in " + item.key().where() + ", back on the way up" : "").append(")\n"));
            if (!m.converted().isEmpty()) {
                out.append("  43 → 42 converts: ").append(m.converted().size()).append(m.converted().size() == 1 ? " item" : " items")
                        .append(" v1 holds in another form\n");
                Map<String, List<String>> byWhy = new LinkedHashMap<>();
                m.converted().forEach(item -> byWhy.computeIfAbsent(item.key().note() == null ? "" : item.key().note(), w -> new ArrayList<>())
                        .add(item.path()));
                byWhy.forEach((why, paths) -> out.append("       ").append(paths.get(0))
                        .append(paths.size() > 1 ? " and " + (paths.size() - 1) + " more like it" : "")
                        .append(why.isEmpty() ? "" : " (" + why + ")").append('\n'));
            }
            if (m.cliMigrations() > 0) {
                out.append("  43 → 42 CLI migrations: adds ").append(m.cliMigrations()).append(m.cliMigrations() == 1 ? " version" : " versions")
                        .append(" that hdb_version.cli_state records to hdb_catalog.schema_migrations\n");
            }
        });
        out.append("  shape: ").append(shapeSummary(path.from(), p.shape()));
        if (p.shape().stream().anyMatch(f -> f.shapeClass() == DriftCheck.ShapeClass.MISSING_OR_DIFFERENT)) {
            out.append(" — the run would refuse (see `verify`, or --ignore-drift)");
        }
        if (p.shape().stream().anyMatch(f -> f.shapeClass() == DriftCheck.ShapeClass.FOREIGN_DESTROYED)) {
            out.append(" — the run would refuse to destroy foreign objects (move them, or --drop-foreign-objects)");
        }
        out.append('\n');
        p.shape().forEach(f -> out.append("    - ").append(f).append('\n'));
        out.append("  activity: ").append(p.activity().isEmpty() ? "no other sessions"
                : String.join("; ", p.activity().stream().map(Object::toString).toList()) + " — the run would refuse (stop Hasura, or --force)")
                .append('\n');
        return out.toString();
    }

    String json(PlanResult p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", p.database());
        m.put("from", p.path().from().number());
        m.put("to", p.path().to().number());
        m.put("direction", p.path().direction().verb());
        m.put("steps", p.path().steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", s.toString());
            step.put("losesData", s.losesData());
            step.put("summary", s.summary());
            return (Object) step;
        }).toList());
        m.put("losses", losses(p.losses()));
        m.put("drift", p.shape().stream().filter(f -> f.shapeClass() == DriftCheck.ShapeClass.MISSING_OR_DIFFERENT)
                .map(f -> (Object) f.toString()).toList());
        m.put("shape", shape(p.shape()));
        m.put("activity", p.activity().stream().map(a -> (Object) a.toString()).toList());
        p.toV1().ifPresent(v -> {
            Map<String, Object> toV1 = new LinkedHashMap<>();
            toV1.put("blockers", v.blockers());
            toV1.put("cannotKeep", v.cannotKeep().stream().map(l -> (Object) Map.of("what", l.what(), "count", l.count())).toList());
            toV1.put("lost", v.lost().stream().map(item -> {
                Map<String, Object> lost = new LinkedHashMap<>();
                lost.put("path", item.path());
                lost.put("key", item.key().path());
                lost.put("why", item.key().note());
                lost.put("keptIn", item.key().kept() ? item.key().where() : null);
                return (Object) lost;
            }).toList());
            toV1.put("converted", v.converted().stream().map(item -> (Object) Map.of("path", item.path(), "key", item.key().path(),
                    "into", item.key().where())).toList());
            toV1.put("cliMigrations", v.cliMigrations());
            m.put("toV1", toV1);
        });
        return Json.write(m) + "\n";
    }

    String text(VerifyResult v) {
        StringBuilder out = new StringBuilder();
        out.append(catalog(v.version())).append(" in ").append(v.database()).append(": ");
        List<DriftCheck.Finding> drift = v.drift();
        if (drift.isEmpty()) {
            out.append("the catalog has the shape of catalog ").append(v.version()).append(" (no drift)");
        } else {
            out.append(drift.size()).append(drift.size() == 1 ? " difference" : " differences").append(" from the shape of catalog ")
                    .append(v.version()).append(" (real drift)");
        }
        long others = v.findings().size() - drift.size();
        out.append(others == 0 ? "" : "; " + shapeSummary(v.version(), v.findings().stream().filter(f -> !drift.contains(f)).toList()))
                .append('\n');
        v.findings().forEach(f -> out.append("  - ").append(f).append('\n'));
        return out.toString();
    }

    String json(VerifyResult v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", v.database());
        m.put("version", v.version().number());
        m.put("drift", !v.drift().isEmpty());
        m.put("findings", v.findings().stream().map(f -> (Object) f.toString()).toList());
        m.put("shape", shape(v.findings()));
        return Json.write(m) + "\n";
    }

    /** "matches catalog 40", or "2 genuine variants, 1 foreign object kept, 1 foreign object destroyed". */
    private static String shapeSummary(CatalogVersion version, List<DriftCheck.Finding> findings) {
        if (findings.isEmpty()) {
            return "matches catalog " + version;
        }
        List<String> parts = new java.util.ArrayList<>();
        for (DriftCheck.ShapeClass c : DriftCheck.ShapeClass.values()) {
            long n = findings.stream().filter(f -> f.shapeClass() == c).count();
            if (n > 0) {
                parts.add(c.count(n));
            }
        }
        return String.join(", ", parts);
    }

    /** The classified findings as JSON objects: class, object, definition, steps, detail. */
    private static List<Object> shape(List<DriftCheck.Finding> findings) {
        return findings.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", f.shapeClass().id());
            m.put("object", f.item().label());
            m.put("definition", f.item().definition());
            m.put("steps", f.steps());
            m.put("detail", f.detail());
            return (Object) m;
        }).toList();
    }

    String textHistory(List<RunHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return "no runs recorded in this database\n";
        }
        StringBuilder out = new StringBuilder();
        for (RunHistory.Entry e : entries) {
            out.append(String.format(Locale.ROOT, "%s  %s  %-8s %s → %s%s  %s  %d ms  db user %s, os user %s%s%n", e.runId(),
                    e.startedAt(), e.command(), e.from().map(Object::toString).orElse("-"), e.to().map(Object::toString).orElse("-"),
                    e.dryRun() ? " (dry run)" : "", e.outcomeLabel(), e.durationMs(), e.databaseUser(), e.osUser(),
                    e.backupTable().map(t -> ", backup " + t).orElse("")));
        }
        return out.toString();
    }

    String jsonHistory(List<RunHistory.Entry> entries) {
        return Json.write(entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", e.runId());
            m.put("startedAt", e.startedAt().toString());
            m.put("finishedAt", e.finishedAt().toString());
            m.put("databaseUser", e.databaseUser());
            m.put("osUser", e.osUser());
            m.put("command", e.command());
            m.put("from", e.from().orElse(null));
            m.put("to", e.to().orElse(null));
            m.put("dryRun", e.dryRun());
            m.put("outcome", e.outcomeLabel());
            m.put("durationMs", e.durationMs());
            m.put("backupTable", e.backupTable().orElse(null));
            m.put("message", e.message());
            return (Object) m;
        }).toList()) + "\n";
    }

    private String history(StatusResult s) {
        return switch (s.history().kind()) {
            case NOT_ADOPTED -> "none yet (adopted on the first rollback or upgrade)";
            case IN_SYNC -> "in sync (records catalog " + s.version() + ")";
            case DIFFERS -> "records catalog " + s.history().recorded().map(Object::toString).orElse("none")
                    + ", differs from hdb_version (reconciled on the next run)";
            case UNKNOWN_CHANGESETS -> "names changesets this tool does not know (" + String.join(", ", s.history().unknownChangesets())
                    + "): written by a newer catalog-rollback";
        };
    }

    /**
     * The targets, newest first, one release line per text line ("v2: 47 (v2.0.7 … v2.22.1), 46 (…)", then "v1.3: …"),
     * a long line wrapped at about {@link #WRAP} characters; continuation lines start at {@code indent}.
     */
    private String targets(List<CatalogVersion> versions, int indent) {
        if (versions.isEmpty()) {
            return "none";
        }
        Map<String, List<String>> lines = new LinkedHashMap<>();
        String line = "";
        for (int i = versions.size() - 1; i >= 0; i--) {
            CatalogVersion v = versions.get(i);
            if (!releases.releasesOf(v).isEmpty()) {
                line = releaseLine(releases.releasesOf(v).get(0).tag());
            }
            lines.computeIfAbsent(line, k -> new ArrayList<>())
                    .add(releases.releasesOf(v).isEmpty() ? v.toString() : v + " (" + releases.describe(v) + ")");
        }
        int label = Math.max(6, lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 2); // "v1.4: ", aligned in both lists
        List<String> rows = new ArrayList<>();
        lines.forEach((name, entries) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + label + "s", name.isEmpty() ? "" : name + ":"));
            for (int i = 0; i < entries.size(); i++) {
                String entry = entries.get(i) + (i < entries.size() - 1 ? "," : "");
                if (row.length() > label && indent + row.length() + 1 + entry.length() > WRAP) {
                    rows.add(row.toString());
                    row = new StringBuilder(" ".repeat(label));
                } else if (row.length() > label) {
                    row.append(' ');
                }
                row.append(entry);
            }
            rows.add(row.toString());
        });
        return String.join("\n" + " ".repeat(indent), rows);
    }

    private static final int WRAP = 110;

    /** The release line a tag belongs to: "v2" for every v2 release, "v1.3" for v1.3.x, "v1.0" for v1.0.0-beta.2. */
    static String releaseLine(String tag) {
        String[] parts = tag.replaceFirst("^v", "").split("[.-]");
        return parts.length > 1 && parts[0].equals("1") ? "v1." + parts[1] : "v" + parts[0];
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
