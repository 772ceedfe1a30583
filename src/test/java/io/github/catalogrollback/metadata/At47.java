package io.github.catalogrollback.metadata;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that start from a fresh catalog at 47: one template per test class, copied per case (TestDatabase.copyOf). */
abstract class At47 {

    static TestDatabase at47;

    @BeforeAll
    static void template() {
        at47 = TestDatabase.fresh();
        Catalogs.init(at47, 47);
    }

    @AfterAll
    static void dropTemplate() {
        at47.close();
    }

    /**
     * The arguments of a move from 47 that carries {@code document}: its source "default" is not moved when it has
     * event triggers, since a catalog made by init has no source catalog for it (these tests are about the metadata,
     * not about sources; see SourceMoves).
     */
    static String[] down(Object document, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--to-version", "42"));
        if (document instanceof Map<?, ?> doc && doc.get("sources") instanceof List<?> sources && sources.stream().anyMatch(s ->
                s instanceof Map<?, ?> source && source.get("tables") instanceof List<?> tables && tables.stream().anyMatch(t ->
                        t instanceof Map<?, ?> table && table.get("event_triggers") != null))) {
            args.addAll(List.of("--skip-source", "default"));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
