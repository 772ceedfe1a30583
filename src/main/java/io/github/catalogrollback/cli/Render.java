package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.StatusResult;
import io.github.catalogrollback.runner.StepResult;
import java.time.Duration;
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
        int width = r.steps().stream().mapToInt(s -> s.label().length()).max().orElse(0);
        for (StepResult s : r.steps()) {
            out.append(String.format(Locale.ROOT, "  - %s %s ok %5d ms   %s%n", s.label(), ".".repeat(Math.max(3, width - s.label().length() + 3)),
                    s.elapsed().toMillis(), s.summary()));
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
        m.put("command", r.command());
        m.put("database", r.database());
        m.put("from", r.from().map(CatalogVersion::number).orElse(null));
        m.put("fromReleases", r.from().map(releases::describe).orElse(null));
        m.put("to", r.to().number());
        m.put("toReleases", releases.describe(r.to()));
        m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("elapsedMs", r.elapsed().toMillis());
        m.put("steps", r.steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", s.label());
            step.put("elapsedMs", s.elapsed().toMillis());
            step.put("losesData", s.losesData());
            step.put("summary", s.summary());
            return (Object) step;
        }).toList());
        m.put("notes", r.notes());
        m.put("sql", r.sql());
        return Json.write(m) + "\n";
    }

    String text(StatusResult s) {
        StringBuilder out = new StringBuilder();
        out.append(catalog(s.version())).append(" in ").append(s.database()).append('\n');
        out.append("  rollback targets: ").append(targets(s.rollbackTargets())).append('\n');
        out.append("  upgrade targets:  ").append(targets(s.upgradeTargets())).append('\n');
        out.append("  history:          ").append(history(s)).append('\n');
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
        return Json.write(m) + "\n";
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

    private String targets(List<CatalogVersion> versions) {
        if (versions.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = versions.size() - 1; i >= 0; i--) {
            CatalogVersion v = versions.get(i);
            out.append(out.length() > 0 ? ", " : "").append(v);
            if (!releases.releasesOf(v).isEmpty()) {
                out.append(" (").append(releases.describe(v)).append(')');
            }
        }
        return out.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
