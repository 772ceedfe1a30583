package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.metadata.JsonText;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.StepResult;
import io.github.catalogrollback.safety.DataLoss;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One result record, rendered as text and as JSON: the same facts in both, in the documented form. No database. */
class RenderTest {

    private final Render render = new Render(ReleaseMap.load());

    /** A 48 → 46 rollback that dropped the EE client columns (one row with values) and kept them in a backup. */
    private static RunResult rollback48To46() {
        return new RunResult("20261202t101500z_3fa1", "rollback", "database hasura on db:5432 as postgres",
                Optional.of(CatalogVersion.of(48)), CatalogVersion.of(46),
                List.of(new StepResult("48 → 47", Duration.ofMillis(14), true, "drops hdb_version.ee_client_id, ee_client_secret"),
                        new StepResult("47 → 46", Duration.ofMillis(6), false, "drops index hdb_cron_event_invocation_event_id")),
                RunResult.Outcome.COMMITTED, Duration.ofMillis(410),
                List.of(new DataLoss("48 → 47", "hdb_catalog.hdb_version", List.of("ee_client_id", "ee_client_secret"), 1)),
                Optional.of("hdb_catalog_rollback.backup_20261202t101500z_3fa1"), 0, List.of("history reconciled"), List.of());
    }

    /** The step lines are not part of the result: they went to stderr live as each step ended (ProgressPrinter). */
    @Test
    void aCommittedRunAsTextIsTheHeaderThenTheLossesBackupNotesAndTotal() {
        assertEquals(String.join("\n",
                "catalog 48 (v2.23.0-beta.1 … v2.49.5) → 46 (v2.0.0-alpha.8 … v2.0.6), database hasura on db:5432 as postgres",
                "  data: 48 → 47 drops hdb_catalog.hdb_version.ee_client_id, ee_client_secret (1 row with values), backed up",
                "  backup: hdb_catalog_rollback.backup_20261202t101500z_3fa1 (restore with `catalog-rollback upgrade --to-version 48"
                        + " --restore-from 20261202t101500z_3fa1`)",
                "  note: history reconciled",
                "catalog 48 (v2.23.0-beta.1 … v2.49.5) → 46 (v2.0.0-alpha.8 … v2.0.6): 2 steps, committed in 0.41 s",
                ""), render.text(rollback48To46()));
    }

    @Test
    void theSameRunAsJsonHoldsEveryFieldOfTheRecord() {
        String json = render.json(rollback48To46());
        assertEquals(1, json.lines().count(), "one line of JSON");
        Map<?, ?> m = (Map<?, ?>) JsonText.parse(json);
        assertEquals(List.of("runId", "command", "database", "from", "fromReleases", "to", "toReleases", "outcome", "elapsedMs", "steps",
                "losses", "backupTable", "restoredRows", "notes", "sql"), List.copyOf(m.keySet()), "the documented fields, in order");
        assertEquals("20261202t101500z_3fa1", m.get("runId"));
        assertEquals(new BigDecimal(48), m.get("from"));
        assertEquals("v2.23.0-beta.1 … v2.49.5", m.get("fromReleases"));
        assertEquals(new BigDecimal(46), m.get("to"));
        assertEquals("committed", m.get("outcome"));
        assertEquals(new BigDecimal(410), m.get("elapsedMs"));
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("step", "48 → 47");
        first.put("elapsedMs", new BigDecimal(14));
        first.put("losesData", true);
        first.put("summary", "drops hdb_version.ee_client_id, ee_client_secret");
        assertEquals(first, ((List<?>) m.get("steps")).get(0), "the first step, field by field");
        Map<?, ?> loss = (Map<?, ?>) ((List<?>) m.get("losses")).get(0);
        assertEquals(List.of("ee_client_id", "ee_client_secret"), loss.get("columns"));
        assertEquals(new BigDecimal(1), loss.get("count"));
        assertEquals("drops hdb_catalog.hdb_version.ee_client_id, ee_client_secret (1 row with values)", loss.get("description"));
        assertEquals("hdb_catalog_rollback.backup_20261202t101500z_3fa1", m.get("backupTable"));
        assertEquals(List.of("history reconciled"), m.get("notes"));
        assertEquals(List.of(), m.get("sql"));
    }

    @Test
    void initFromAnEmptyDatabaseHasNoFromInTextOrJson() {
        RunResult init = new RunResult("20261202t101500z_0001", "init", "database h on db:5432 as u", Optional.empty(), CatalogVersion.of(47),
                List.of(), RunResult.Outcome.NOTHING_TO_DO, Duration.ZERO, List.of(), Optional.empty(), 0, List.of(), List.of());
        assertEquals("catalog is already at 47 (v2.0.7 … v2.22.1) in database h on db:5432 as u; nothing to do.\n", render.text(init));
        Map<?, ?> m = (Map<?, ?>) JsonText.parse(render.json(init));
        assertEquals(null, m.get("from"));
        assertEquals(null, m.get("fromReleases"));
        assertEquals("nothing-to-do", m.get("outcome"));
        assertEquals(null, m.get("backupTable"));
    }

    @Test
    void jsonEscapesWhatWouldBreakTheLineAndReadsBackUnchanged() {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 é → ✓";
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", awkward);
        value.put("list", Arrays.asList(1, 2.5, true, null, "x"));
        value.put("empty", Map.of());
        String json = Json.write(value);
        assertEquals(1, json.lines().count(), "no raw newline in the JSON text: " + json);
        assertEquals("{\"text\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é → ✓\",\"list\":[1,2.5,true,null,\"x\"],"
                + "\"empty\":{}}", json);
        Map<?, ?> back = (Map<?, ?>) JsonText.parse(json);
        assertEquals(awkward, back.get("text"), "the project's reader gets the same string back");
        assertEquals(Arrays.asList(new BigDecimal(1), new BigDecimal("2.5"), true, null, "x"), back.get("list"));
    }
}
