package io.github.catalogrollback.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.metadata.MetadataKeys.Fate;
import io.github.catalogrollback.metadata.MetadataKeys.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key table itself: every lost and converted rule is found where it says, and README summarises it. */
class MetadataKeysTest {

    /** The lost rules whose value makes 43 → 42 refuse whatever the flags (tested as blockers, not as losses). */
    static boolean blocker(Key rule) {
        return rule.path().equals("sources[].kind") || rule.path().equals("allowlist[].scope");
    }

    static Stream<Key> lostRules() {
        return MetadataKeys.all().stream().filter(k -> k.fate() == Fate.LOST && !blocker(k) && !MetadataKeys.hasKeysBelow(k.path()));
    }

    static Stream<Key> convertedRules() {
        return MetadataKeys.all().stream().filter(k -> k.fate() == Fate.CONVERTED && !MetadataKeys.hasKeysBelow(k.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lostRules")
    void aDocumentHoldingOneLostKeyReportsExactlyItsPath(Key rule) {
        Documents.Sample sample = Documents.sample(rule, "x");
        MetadataAccount.Result r = MetadataAccount.of(Documents.json(sample.document()));
        assertEquals(List.of(), r.blockers());
        assertEquals(List.of(sample.path()), r.lost().stream().map(MetadataAccount.Item::path).toList(), Documents.json(sample.document()));
        assertEquals(rule, r.lost().get(0).key(), "classified by its own rule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convertedRules")
    void aDocumentHoldingOneConvertedKeyReportsItAsConvertedAndNothingLost(Key rule) {
        Documents.Sample sample = Documents.sample(rule, "x");
        MetadataAccount.Result r = MetadataAccount.of(Documents.json(sample.document()));
        assertEquals(List.of(), r.lost(), Documents.json(sample.document()));
        assertTrue(r.converted().stream().anyMatch(i -> i.path().equals(sample.path()) && i.key().equals(rule)),
                sample.path() + " in " + r.converted());
    }

    @Test
    void theTableHasOneRuleListPerKeyAndEveryLostKeySaysWhy() {
        for (Key k : MetadataKeys.all()) {
            assertTrue(k.fate() != Fate.LOST || k.note() != null, "a lost key says why: " + k.path());
            assertTrue(k.fate() == Fate.LOST || k.where() != null, "a kept key says where v1 keeps it: " + k.path());
        }
        System.out.println("metadata key table: " + MetadataKeys.sizes() + " key paths by fate");
    }

    @Test
    void readmeSummarisesTheTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(MetadataKeys.summary()), "README.md must contain MetadataKeys.summary() (regenerate it):\n"
                + MetadataKeys.summary());
    }
}
