package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.metadata.MetadataKeys.Key;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Metadata that v1 cannot hold, kind by kind (one kind per lost rule of the key table, plus unknown keys): a catalog
 * at 47 whose document holds just that one thing is refused without --accept-metadata-loss, naming its path and
 * changing nothing; with the flag, the document holding all of them moves to 42, and on the way back up the kinds
 * that v1 kept in its JSON columns return while the others are gone.
 */
class MetadataLossTest extends At47 {

    /** One sample per lost kind, each in elements of its own (tag = its number). */
    private static List<Documents.Sample> samples() {
        List<Documents.Sample> out = new ArrayList<>();
        List<Key> rules = MetadataKeysTest.lostRules().toList();
        for (int i = 0; i < rules.size(); i++) {
            out.add(Documents.sample(rules.get(i), Integer.toString(i)));
        }
        // keys the table does not know, at three levels
        Key unknown = new Key("?", MetadataKeys.Fate.LOST, MetadataKeys.Form.ANY, null, null, null);
        out.add(new Documents.Sample(unknown, Documents.map("version", 3, "future_setting", Documents.map("on", true)), "future_setting"));
        out.add(new Documents.Sample(unknown, Documents.document(Documents.list(Documents.map("table", Documents.map("schema", "public",
                "name", "t_u"), "future_table_key", "x")), List.of()), "sources.default.tables.public.t_u.future_table_key"));
        Key unknownKept = new Key("?", MetadataKeys.Fate.LOST, MetadataKeys.Form.ANY, null, "hdb_catalog.hdb_action.action_defn", null);
        out.add(new Documents.Sample(unknownKept, Documents.map("version", 3, "actions", Documents.list(Documents.map("name", "a_u",
                "definition", Documents.map("handler", "https://h", "output_type", "R", "future_definition_key", 1)))),
                "actions.a_u.definition.future_definition_key"));
        return out;
    }

    @Test
    void eachLostKindAloneIsRefusedNamingItsPathAndNothingChanges() {
        List<String> failures = new ArrayList<>();
        try (TestDatabase db = TestDatabase.copyOf(at47)) {
            // the catalog but its metadata document, as it is before every refused run
            Fingerprint catalog = withoutDocument(Fingerprint.of(db));
            for (Documents.Sample sample : samples()) {
                Documents.store(db, sample.document());
                String document = db.queryText("SELECT metadata::text FROM hdb_catalog.hdb_metadata");
                CliRun run = CliRun.on(db, down(sample.document()));
                if (run.exitCode() != 4 || !run.err().contains(sample.path()) || run.err().lines().count() != 1) {
                    failures.add(sample.rule().path() + ": " + run.printed());
                } else if (!catalog.equals(withoutDocument(Fingerprint.of(db)))
                        || !document.equals(db.queryText("SELECT metadata::text FROM hdb_catalog.hdb_metadata"))) {
                    failures.add(sample.rule().path() + ": the refused run changed the database");
                }
            }
            assertEquals("47", Catalogs.version(db));
        }
        assertEquals(List.of(), failures, "every lost kind is refused with its path, nothing changed");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Fingerprint withoutDocument(Fingerprint f) {
        Map<String, String> rows = new java.util.TreeMap<>(f.rowChecksums());
        rows.remove("hdb_catalog.hdb_metadata");
        return new Fingerprint(f.shape(), rows, f.history());
    }

    @Test
    void allLostKindsMoveWithTheFlagAndWhatV1KeptComesBackUp() {
        List<Documents.Sample> samples = samples();
        Object all = Documents.map("version", 3);
        for (Documents.Sample sample : samples) {
            all = Documents.merge(all, sample.document());
        }
        Set<String> expectedLost = new TreeSet<>();
        Set<String> expectedKept = new TreeSet<>();
        for (Documents.Sample sample : samples) {
            expectedLost.add(sample.path());
            if (sample.rule().kept()) {
                expectedKept.add(sample.path());
            }
        }
        try (TestDatabase db = TestDatabase.copyOf(at47)) {
            Documents.store(db, all);

            CliRun plan = CliRun.on(db, concat(new String[] {"plan"}, down(all, "--output", "json")));
            assertEquals(0, plan.exitCode(), plan.printed());
            Map<?, ?> toV1 = (Map<?, ?>) ((Map<?, ?>) Documents.parse(plan.out())).get("toV1");
            Set<String> planned = new TreeSet<>();
            ((List<?>) toV1.get("lost")).forEach(item -> planned.add((String) ((Map<?, ?>) item).get("path")));
            assertEquals(expectedLost, planned, "plan --output json lists every lost item by its path");
            CliRun planText = CliRun.on(db, concat(new String[] {"plan"}, down(all)));
            assertTrue(expectedLost.stream().allMatch(p -> planText.out().contains("       " + p + " (")), planText.printed());

            CliRun refused = CliRun.on(db, down(all));
            assertEquals(4, refused.exitCode(), refused.printed());
            assertTrue(refused.err().contains("cannot keep " + expectedLost.size() + " metadata items"), refused.printed());

            CliRun moved = CliRun.on(db, down(all, "--accept-metadata-loss"));
            assertEquals(0, moved.exitCode(), moved.printed());
            assertEquals("42", Catalogs.version(db));
            CliRun up = CliRun.on(db, "upgrade", "--to-version", "47");
            assertEquals(0, up.exitCode(), up.printed());

            Set<String> back = new TreeSet<>();
            MetadataAccount.of(Documents.json(Documents.read(db))).lost().forEach(item -> back.add(item.path()));
            assertEquals(expectedKept, back, "the lost kinds v1 kept in its JSON columns are back at 47, the others are gone");
        }
    }
}
