package io.github.catalogrollback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped source changelog and the shape facts that tell source catalog versions (and the two 4s) apart. */
class SourceChangelogTest {

    private final SourceChangelog chain = SourceChangelog.load();

    private static SourceCatalogVersion v(int n) {
        return SourceCatalogVersion.of(n);
    }

    @Test
    void theChainRunsFrom1To4AndOnly3To2LosesData() {
        assertEquals("1–4", chain.range());
        List<SourceStep> down = chain.steps(v(4), v(1));
        assertEquals(List.of("source 4 → 3", "source 3 → 2", "source 2 → 1"), down.stream().map(Object::toString).toList());
        assertEquals(List.of(false, true, false), down.stream().map(SourceStep::losesData).toList());
        assertEquals(List.of("source-step-3-to-4", "source-step-2-to-3", "source-step-1-to-2"), down.stream().map(SourceStep::changesetId).toList());
        assertTrue(chain.steps(v(1), v(3)).stream().noneMatch(SourceStep::losesData), "going up loses nothing");
        assertTrue(chain.steps(v(2), v(2)).isEmpty());
        assertTrue(down.get(1).summary().startsWith("drops hdb_event_log_cleanups"), down.get(1).summary());
        assertEquals(List.of("source-1", "source-step-1-to-2", "source-2"), List.copyOf(chain.changesetIdsUpTo(v(2))));
        assertEquals(v(3), chain.versionOf("source-step-2-to-3").orElseThrow());
    }

    @Test
    void aChainThatSkipsAVersionIsRefused() {
        Map<String, String> files = new HashMap<>();
        files.put(SourceChangelog.MASTER, "databaseChangeLog:\n  - include: {file: source-1.yaml}\n  - include: {file: source-3.yaml}\n");
        files.put("changelogs/source/source-1.yaml", "databaseChangeLog:\n  - changeSet: {id: source-1, author: catalog-rollback}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SourceChangelog.load(name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8)) : null));
        assertTrue(e.getMessage().contains("skips source catalog 2"), e.getMessage());
    }

    private static SourceShape shape(boolean cleanups, boolean triggerName, List<String> fks, List<String> indexes, boolean utc, boolean nullif) {
        return new SourceShape(true, true, new java.util.HashSet<>(indexes), fks, cleanups, triggerName, utc, nullif);
    }

    private static final List<String> V1_INDEXES = List.of("event_log_pkey", "event_log_trigger_name_idx", "event_log_locked_idx",
            "event_log_delivered_idx", "event_log_created_at_idx");
    private static final List<String> V2_INDEXES = List.of("event_log_pkey", "event_log_trigger_name_idx", "event_log_fetch_events");
    private static final List<String> FK = List.of(SourceShape.INVOCATION_FOREIGN_KEY);

    @Test
    void eachVersionIsToldByItsShape() {
        SourceShape one = shape(false, false, FK, V1_INDEXES, false, false);
        SourceShape two = shape(false, false, FK, V2_INDEXES, false, false);
        SourceShape three = shape(true, true, List.of(), V2_INDEXES, false, false);
        SourceShape fourA = shape(true, true, List.of(), V2_INDEXES, true, false);
        SourceShape fourB = shape(true, true, List.of(), V2_INDEXES, false, true);
        assertEquals(v(1), one.looksLike(v(4)).orElseThrow());
        assertEquals(v(2), two.looksLike(v(4)).orElseThrow());
        assertEquals(v(3), three.looksLike(v(4)).orElseThrow());
        assertEquals(v(4), fourA.looksLike(v(4)).orElseThrow());
        assertEquals(v(4), fourB.looksLike(v(4)).orElseThrow());
        assertEquals("4a", fourA.variant());
        assertEquals("4b", fourB.variant());
        assertEquals("", three.variant());
    }

    @Test
    void differencesAreNamedTheWayOlderServersNeedThem() {
        SourceShape twoWithoutNamedKey = shape(false, false, List.of("event_invocation_logs_event_id_fkey1"), V2_INDEXES, false, false);
        assertEquals(List.of("foreign key event_invocation_logs_event_id_fkey is missing"), twoWithoutNamedKey.mismatches(v(2)),
                "2 → 3 of v2.13/v2.14 drops the key by this name");
        SourceShape oneWithoutIndex = shape(false, false, FK, List.of("event_log_pkey", "event_log_delivered_idx"), false, false);
        assertEquals(List.of("index event_log_created_at_idx is missing"), oneWithoutIndex.mismatches(v(1)));
        SourceShape threeCalledTwo = shape(true, true, List.of(), V2_INDEXES, false, false);
        assertFalse(threeCalledTwo.mismatches(v(2)).isEmpty(), "a 3 is not a 2");
        assertTrue(shape(true, true, List.of(), V2_INDEXES, false, false).mismatches(v(4)).get(0).startsWith("neither version-4 variant"));
        assertEquals(List.of("hdb_catalog.event_log is missing"),
                new SourceShape(false, true, java.util.Set.of(), List.of(), false, false, false, false).mismatches(v(3)));
    }
}
