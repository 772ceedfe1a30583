package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.SourceStep;
import io.github.catalogrollback.catalog.SourceTarget;
import io.github.catalogrollback.runner.MoveResult;
import io.github.catalogrollback.runner.PlanReport;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.SourceReport;
import io.github.catalogrollback.runner.StatusReport;
import io.github.catalogrollback.runner.StepResult;
import io.github.catalogrollback.safety.DataLoss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the reports that carry source catalogs (status, plan, a move) into text or JSON: the metadata catalog's part
 * through {@link Render}, then every source catalog. The same record feeds both.
 */
final class SourcesRender {

    private final Render render;

    SourcesRender(Render render) {
        this.render = render;
    }

    // --- status ------------------------------------------------------------------------------------------------

    String text(StatusReport s) {
        StringBuilder out = new StringBuilder();
        s.catalog().ifPresentOrElse(c -> out.append(render.text(c)),
                () -> out.append("no metadata catalog in ").append(s.database()).append(": it holds only a source catalog\n"));
        sources(out, s.sources(), false);
        return out.toString();
    }

    String json(StatusReport s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.catalog().isEmpty()) {
            m.put("database", s.database());
            m.put("version", null);
        }
        m.put("sources", sources(s.sources()));
        return s.catalog().map(c -> merged(render.json(c), m)).orElseGet(() -> Json.write(m) + "\n");
    }

    // --- plan --------------------------------------------------------------------------------------------------

    String text(PlanReport p) {
        StringBuilder out = new StringBuilder();
        p.catalog().ifPresentOrElse(c -> out.append(render.text(c)),
                () -> out.append("plan: no metadata catalog in ").append(p.database()).append(": it holds only a source catalog\n"));
        out.append(target(p.sourceTarget())).append('\n');
        sources(out, p.sources(), true);
        return out.toString();
    }

    String json(PlanReport p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.catalog().isEmpty()) {
            m.put("database", p.database());
        }
        m.put("sourceTarget", targetJson(p.sourceTarget()));
        m.put("sources", sources(p.sources()));
        m.put("nothingToDo", p.nothingToDo());
        return p.catalog().map(c -> merged(render.json(c), m)).orElseGet(() -> Json.write(m) + "\n");
    }

    // --- a move ------------------------------------------------------------------------------------------------

    String text(MoveResult r) {
        StringBuilder out = new StringBuilder();
        if (r.catalog().isPresent()) {
            RunResult catalog = r.catalog().get();
            if (catalog.outcome() == RunResult.Outcome.NOTHING_TO_DO) {
                out.append(render.text(catalog)).append(target(r.sourceTarget())).append("; every source catalog is there already\n");
                return out.toString();
            }
            sqlOfSources(out, r.sources());
            if (!r.sources().isEmpty()) {
                out.append(target(r.sourceTarget())).append('\n');
                sources(out, r.sources(), true);
            }
            out.append(render.text(catalog));
            return out.toString();
        }
        if (r.outcome() == RunResult.Outcome.NOTHING_TO_DO) {
            return "the source catalog of " + r.database() + " is already where " + r.sourceTarget().basis() + "; nothing to do.\n";
        }
        if (!r.sql().isEmpty()) {
            out.append("-- SQL run in the rehearsal, inside one transaction that was then rolled back:\n");
            r.sql().forEach(sql -> out.append(sql.strip()).append(sql.strip().endsWith(";") ? "" : ";").append('\n'));
            out.append('\n');
        }
        out.append("source catalog of ").append(r.database()).append(" (no metadata catalog)\n").append(target(r.sourceTarget())).append('\n');
        sources(out, r.sources(), true);
        r.backupTable().ifPresent(t -> out.append("  backup: ").append(t).append(" (restore with `catalog-rollback upgrade --to-release")
                .append(" <release> --restore-from ").append(r.runId()).append("`)\n"));
        r.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
        out.append("source catalog: ").append(r.outcome() == RunResult.Outcome.REHEARSED ? "rehearsed" : "committed").append(" in ")
                .append(Render.seconds(r.elapsed()))
                .append(r.outcome() == RunResult.Outcome.REHEARSED ? ", then rolled back (dry run): the real run would succeed" : "")
                .append('\n');
        return out.toString();
    }

    String json(MoveResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.catalog().isEmpty()) {
            m.put("runId", r.runId());
            m.put("command", r.command());
            m.put("database", r.database());
            m.put("from", null);
            m.put("to", null);
            m.put("outcome", r.outcome().label());
            m.put("elapsedMs", r.elapsed().toMillis());
            m.put("backupTable", r.backupTable().orElse(null));
            m.put("notes", r.notes());
            m.put("sql", r.sql());
        }
        m.put("sourceTarget", targetJson(r.sourceTarget()));
        m.put("sources", sources(r.sources()));
        return r.catalog().map(c -> merged(render.json(c), m)).orElseGet(() -> Json.write(m) + "\n");
    }

    // --- the parts ---------------------------------------------------------------------------------------------

    /** "sources: need source catalog ≤ 2 (…basis…); --to-release … keeps 3". */
    private static String target(SourceTarget t) {
        String need = t.highest().map(v -> "sources: need source catalog ≤ " + v + ": " + t.basis())
                .orElse("sources: " + t.basis());
        return need + (t.keepsMore().isEmpty() ? "" : "; " + t.keepsMore());
    }

    private static Map<String, Object> targetJson(SourceTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("highest", t.highest().map(v -> (Object) v.number()).orElse(null));
        m.put("upgradeTo", t.upgradeTo().map(v -> (Object) v.number()).orElse(null));
        m.put("basis", t.basis());
        m.put("keepsMore", t.keepsMore());
        return m;
    }

    private static void sources(StringBuilder out, List<SourceReport> sources, boolean withSteps) {
        if (sources.isEmpty()) {
            out.append("sources: none listed, and this database holds no source catalog\n");
            return;
        }
        if (!withSteps) {
            out.append("sources (").append(sources.size()).append("):\n");
        }
        for (SourceReport s : sources) {
            out.append("  - ").append(line(s, withSteps)).append('\n');
            if (withSteps) {
                for (SourceStep step : s.steps()) {
                    StepResult ran = s.ran().stream().filter(r -> r.label().equals(step.toString())).findFirst().orElse(null);
                    out.append("      ").append(step).append(ran == null ? "" : String.format(Locale.ROOT, " ok %5d ms", ran.elapsed().toMillis()))
                            .append(": ").append(step.summary()).append('\n');
                    for (DataLoss loss : s.losses()) {
                        if (loss.step().equals(step.toString())) {
                            out.append("        ").append(loss.describe())
                                    .append(s.backupTable().isPresent() && loss.count() > 0 ? ", backed up" : "").append('\n');
                        }
                    }
                }
                s.backupTable().ifPresent(t -> out.append("      backup: ").append(t).append(s.reach() == SourceReport.Reach.METADATA_DATABASE
                        ? " (the metadata run's backup)" : " in that database").append('\n'));
            }
            s.notes().forEach(n -> out.append("      note: ").append(n).append('\n'));
        }
    }

    /** One source on one line: name, where, origin, its catalog, event triggers, and what happens to it. */
    private static String line(SourceReport s, boolean withTarget) {
        StringBuilder out = new StringBuilder(s.name()).append(": ");
        switch (s.reach()) {
            case UNREACHABLE -> out.append("unreachable (").append(s.origin()).append(", ").append(s.database()).append("): ")
                    .append(s.problem()).append(" — a run refuses until it is reachable or skipped");
            case UNRESOLVED -> out.append("unresolved (").append(s.origin()).append("): ").append(s.problem())
                    .append(" — a run refuses until --source or --skip-source names it");
            case SKIPPED -> out.append("skipped (").append(s.origin()).append(")");
            case NOT_POSTGRES -> out.append("not a Postgres source (").append(s.origin()).append(")");
            default -> {
                out.append(s.database()).append(" (").append(s.origin()).append("); source catalog ").append(s.catalog());
                if (s.eventTriggers() >= 0) {
                    out.append(", ").append(s.eventTriggers()).append(s.eventTriggers() == 1 ? " event trigger" : " event triggers");
                }
                if (!s.problem().isEmpty()) {
                    out.append(" — ").append(s.problem());
                } else if (withTarget) {
                    out.append(" → ").append(what(s));
                }
            }
        }
        return out.toString();
    }

    private static String what(SourceReport s) {
        if (!s.moves()) {
            return s.to().map(v -> "stays " + v).orElse("nothing to move");
        }
        String where = s.reach() == SourceReport.Reach.METADATA_DATABASE ? "in the metadata transaction"
                : "in its own transaction, before the metadata database";
        String to = s.to().map(Object::toString).orElse("?");
        return switch (s.outcome()) {
            case COMMITTED -> to + ", committed " + where;
            case REHEARSED -> to + ", rehearsed " + where + " and rolled back";
            case NOT_REACHED -> to + " was planned, but the run stopped before it";
            default -> to + ", " + where;
        };
    }

    private static void sqlOfSources(StringBuilder out, List<SourceReport> sources) {
        for (SourceReport s : sources) {
            if (!s.sql().isEmpty()) {
                out.append("-- SQL run in the rehearsal on source ").append(s.name()).append(", inside its own transaction that was then rolled back:\n");
                s.sql().forEach(sql -> out.append(sql.strip()).append(sql.strip().endsWith(";") ? "" : ";").append('\n'));
                out.append('\n');
            }
        }
    }

    private static List<Object> sources(List<SourceReport> sources) {
        return sources.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("origin", s.origin());
            m.put("database", s.database());
            m.put("reach", s.reach().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            m.put("problem", s.problem());
            m.put("catalog", s.catalog());
            m.put("from", s.from().map(v -> (Object) v.number()).orElse(null));
            m.put("to", s.to().map(v -> (Object) v.number()).orElse(null));
            m.put("eventTriggers", s.eventTriggers() < 0 ? null : s.eventTriggers());
            m.put("steps", s.steps().stream().map(step -> {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("step", step.toString());
                st.put("losesData", step.losesData());
                st.put("summary", step.summary());
                s.ran().stream().filter(r -> r.label().equals(step.toString())).findFirst()
                        .ifPresent(r -> st.put("elapsedMs", r.elapsed().toMillis()));
                return (Object) st;
            }).toList());
            m.put("losses", Render.losses(s.losses()));
            m.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            m.put("backupTable", s.backupTable().orElse(null));
            m.put("notes", s.notes());
            return (Object) m;
        }).toList();
    }

    /** The catalog part's JSON object with more fields after its own (both are objects with fields). */
    private static String merged(String catalogJson, Map<String, Object> more) {
        String body = catalogJson.strip();
        return body.substring(0, body.length() - 1) + "," + Json.write(more).substring(1) + "\n";
    }
}
