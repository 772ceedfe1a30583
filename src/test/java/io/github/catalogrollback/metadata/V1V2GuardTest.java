package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.StockLiquibase;
import io.github.catalogrollback.support.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A metadata value that is no v2 metadata is refused before anything changes: by catalog-rollback's pre-check
 * (exit 4, one line naming what is wrong) and by step 43 → 42's own guard when stock Liquibase runs it.
 */
class V1V2GuardTest {

    /** Each bad value and the words that name what is wrong with it. */
    private static final Map<String, String> BAD = new LinkedHashMap<>();

    static {
        BAD.put("null", "the metadata document is null, not a JSON object");
        BAD.put("\"hello\"", "the metadata document is a string, not a JSON object");
        BAD.put("[]", "the metadata document is a list, not a JSON object");
        BAD.put("{\"sources\": []}", "the metadata document has no \"version\" (a v2 document says \"version\": 3)");
        BAD.put("{\"version\": 2, \"tables\": []}", "the metadata document says \"version\": 2, not 3");
        BAD.put("{\"version\": null, \"sources\": []}", "the metadata document says \"version\": null, not 3");
        BAD.put("{\"version\": 3, \"sources\": null}", "the metadata document's \"sources\" is null, not a list");
        BAD.put("{\"version\": 3, \"sources\": {}}", "the metadata document's \"sources\" is an object, not a list");
        BAD.put("{\"version\": 3, \"sources\": [5]}", "the metadata document's \"sources\" is not a list of objects");
    }

    private static TestDatabase at43;

    @BeforeAll
    static void template() {
        at43 = TestDatabase.fresh();
        Catalogs.init(at43, 43);
    }

    @AfterAll
    static void dropTemplate() {
        at43.close();
    }

    private static void storeRaw(TestDatabase db, String value) {
        db.execute("UPDATE hdb_catalog.hdb_metadata SET metadata = '" + value.replace("'", "''") + "' WHERE id = 1");
    }

    @Test
    void catalogRollbackRefusesEachBadValueNamingItAndChangesNothing() {
        try (TestDatabase db = TestDatabase.copyOf(at43)) {
            for (Map.Entry<String, String> bad : BAD.entrySet()) {
                storeRaw(db, bad.getKey());
                Fingerprint before = Fingerprint.of(db);
                CliRun run = CliRun.on(db, "--to-version", "42", "--accept-metadata-loss");
                assertEquals(4, run.exitCode(), bad.getKey() + "\n" + run.printed());
                assertEquals(1, run.err().lines().count(), "one line: " + run.printed());
                assertTrue(run.err().contains("43 → 42 cannot move this metadata into a v1 catalog: " + bad.getValue()), run.printed());
                assertEquals(before, Fingerprint.of(db), "nothing changed for " + bad.getKey());
                CliRun plan = CliRun.on(db, "plan", "--to-version", "42");
                assertTrue(plan.out().contains("43 → 42 refuses: " + bad.getValue()), plan.printed());
            }
        }
    }

    @Test
    void stockLiquibaseIsRefusedByTheStepsGuardWithTheSameWords() {
        try (TestDatabase db = TestDatabase.copyOf(at43)) {
            for (Map.Entry<String, String> bad : BAD.entrySet()) {
                storeRaw(db, bad.getKey());
                Fingerprint before = Fingerprint.of(db);
                java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
                java.io.PrintStream old = System.err;
                int code;
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                try {
                    code = StockLiquibase.run(db, "rollback", "--tag=catalog-42");
                } finally {
                    System.setErr(old);
                }
                assertNotEquals(0, code, "stock Liquibase's rollback fails");
                assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(bad.getValue()), err.toString());
                Fingerprint after = Fingerprint.of(db);
                assertEquals(List.of(), after.shape().minus(before.shape()), "nothing made");
                assertEquals(List.of(), before.shape().minus(after.shape()), "nothing dropped");
                assertEquals(before.rowChecksums(), after.rowChecksums(), "no row changed");
                // stock Liquibase commits changeset by changeset: it has already un-recorded the (empty) tag changeset
                // catalog-43 when the step's guard refuses; the step itself stays recorded and the catalog stays at 43
                assertTrue(after.history().stream().anyMatch(h -> h.startsWith("step-42-to-43 ")), "the step is still recorded");
                assertEquals("43", Catalogs.version(db));
            }
            storeRaw(db, "{\"version\": 3, \"sources\": []}");
            assertEquals(0, StockLiquibase.run(db, "rollback", "--tag=catalog-42"), "an empty v2 document moves");
            assertEquals("42", Catalogs.version(db));
        }
    }
}
