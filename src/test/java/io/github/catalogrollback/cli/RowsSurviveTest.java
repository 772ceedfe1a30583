package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows in Hasura's tables survive every step that does not drop them, down to 43 and back up to 48. */
class RowsSurviveTest {

    /** Checksums of the rows that no step between 43 and 48 drops. */
    private static Map<String, String> keptRows(TestDatabase db) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String query : new String[] {
            "SELECT id, metadata::text FROM hdb_catalog.hdb_metadata",
            "SELECT * FROM hdb_catalog.hdb_cron_events",
            "SELECT * FROM hdb_catalog.hdb_cron_event_invocation_logs",
            "SELECT * FROM hdb_catalog.hdb_scheduled_events",
            "SELECT * FROM hdb_catalog.hdb_scheduled_event_invocation_logs",
            "SELECT * FROM hdb_catalog.hdb_action_log",
            "SELECT hasura_uuid, cli_state, console_state FROM hdb_catalog.hdb_version"}) {
            sums.put(query, db.queryText("SELECT count(*) || ':' || md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), ''))"
                    + " FROM (" + query + ") r"));
        }
        return sums;
    }

    @Test
    void rowsSurviveEveryStepDownAndUp() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            Map<String, String> before = keptRows(db);
            assertEquals("2", before.get("SELECT * FROM hdb_catalog.hdb_cron_events").split(":")[0], "the rows were written");
            for (int to = 47; to >= 43; to--) {
                CliRun run = CliRun.on(db, "--to-version", Integer.toString(to));
                assertEquals(0, run.exitCode(), run.printed());
                assertEquals(before, keptRows(db), "rows after the step down to " + to);
            }
            for (int to = 44; to <= 48; to++) {
                CliRun run = CliRun.on(db, "upgrade", "--to-version", Integer.toString(to));
                assertEquals(0, run.exitCode(), run.printed());
                assertEquals(before, keptRows(db), "rows after the step up to " + to);
            }
        }
    }

    @Test
    void metadataResourceVersionAndNotificationsSurviveStepsThatKeepThem() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            Catalogs.addHasuraRows(db);
            db.execute("UPDATE hdb_catalog.hdb_metadata SET resource_version = 42");
            assertEquals(0, CliRun.on(db, "--to-version", "45").exitCode());
            assertEquals("42", db.queryText("SELECT resource_version FROM hdb_catalog.hdb_metadata"), "45 keeps resource_version");
            assertEquals("6f1b5c1e-4a55-4b8e-9a51-0c6f0c1d2e3f", db.queryText("SELECT instance_id FROM hdb_catalog.hdb_schema_notifications"),
                    "45 keeps the schema notification");
        }
    }
}
