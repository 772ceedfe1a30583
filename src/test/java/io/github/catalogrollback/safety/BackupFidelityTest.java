package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A backup gives back exactly what was there: a json value keeps its key order, duplicate keys and spacing. */
class BackupFidelityTest {

    /** Valid json that jsonb would rewrite: keys out of order, a duplicate key, odd spacing, a number jsonb normalizes. */
    private static final String ODD_JSON = "{\"metadata\":  true ,\"b\":1, \"a\" :[1,2 ,  3],\"a\":1.50 }";

    @Test
    void jsonValuesComeBackByteForByte() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            db.execute("INSERT INTO hdb_catalog.hdb_schema_notifications (id, notification, instance_id, updated_at)"
                    + " VALUES (1, '" + ODD_JSON + "', '6f1b5c1e-4a55-4b8e-9a51-0c6f0c1d2e3f', '2020-01-01 00:00+00')");

            CliRun down = CliRun.on(db, "--to-version", "44");
            assertEquals(0, down.exitCode(), down.printed());
            Matcher m = Pattern.compile("--restore-from (\\S+)`").matcher(down.out());
            assertTrue(m.find(), down.printed());
            String backup = "hdb_catalog_rollback.backup_" + m.group(1);
            assertEquals("json", db.queryText("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + backup
                    + "'::regclass AND attname = 'data'"), "the backup keeps json as json");
            assertEquals(ODD_JSON, db.queryText("SELECT data ->> 'notification' FROM " + backup
                    + " WHERE source = 'hdb_catalog.hdb_schema_notifications'"), "the backup holds the value as written");

            CliRun up = CliRun.on(db, "upgrade", "--to-version", "48", "--restore-from", m.group(1));
            assertEquals(0, up.exitCode(), up.printed());
            assertEquals(ODD_JSON, db.queryText("SELECT notification::text FROM hdb_catalog.hdb_schema_notifications"),
                    "the restored value is byte for byte the original");
        }
    }

    /** A v2 metadata document that jsonb would rewrite, and that step 43 -> 42 moves without loss. */
    private static final String ODD_DOCUMENT = "{\"sources\" : [ ], \"version\":3,  \"version\" : 3 }";

    @Test
    void theMetadataDocumentIsKeptAsStoredAndComesBackByteForByte() throws Exception {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 43);
            db.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = '" + ODD_DOCUMENT + "' WHERE id = 1");

            CliRun down = CliRun.on(db, "--to-version", "42");
            assertEquals(0, down.exitCode(), down.printed());
            Matcher m = Pattern.compile("--restore-from (\\S+)`").matcher(down.out());
            assertTrue(m.find(), down.printed());
            String backup = "hdb_catalog_rollback.backup_" + m.group(1);
            assertEquals("{\"id\":1}|metadata|" + ODD_DOCUMENT, db.queryText("SELECT data::text || '|' || stored_column || '|' || stored_value::text"
                    + " FROM " + backup + " WHERE source = 'hdb_catalog.hdb_metadata'"), "the document is kept apart, as it was");

            // put the row back where the catalog has hdb_metadata again, but no row
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "43");
            assertEquals(0, up.exitCode(), up.printed());
            db.execute("DELETE FROM hdb_catalog.hdb_metadata");
            try (Connection c = db.connect()) {
                Backup.Restored restored = Backup.restore(c, m.group(1), Backup.liveColumns(c));
                assertEquals(1, restored.rows(), restored.skipped().toString());
                assertEquals(List.of(), restored.skipped());
            }
            assertEquals("1|" + ODD_DOCUMENT, db.queryText("SELECT id || '|' || metadata::text FROM hdb_catalog.hdb_metadata"),
                    "the restored document is byte for byte the original");
        }
    }
}
