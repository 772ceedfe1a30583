package io.github.catalogrollback.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's stored YAML trees (what spares a run the SnakeYAML parse at start-up) are exactly SnakeYAML's trees of
 * the shipped files, and a text the build did not see is parsed, never answered from a stale tree.
 */
class YamlTreesTest {

    private static List<Path> shippedYaml() throws Exception {
        try (Stream<Path> walk = Files.walk(Path.of("changelogs"))) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedFileIsStoredAndDecodesToSnakeYamlsOwnTree() throws Exception {
        List<Path> files = shippedYaml();
        assertTrue(files.size() > 40, "the changelogs: " + files.size());
        for (Path file : files) {
            String text = Files.readString(file);
            assertTrue(YamlTrees.stored(text), file + " is in " + YamlTrees.RESOURCE + " of this build (the pom's yaml-trees step)");
            // equals compares the value types too: an Integer where SnakeYAML has a Long would fail here
            assertEquals(YamlTrees.parse(text), YamlTrees.documents(text), file.toString());
        }
    }

    @Test
    void aTextTheBuildDidNotSeeIsParsed() throws Exception {
        String shipped = Files.readString(Path.of(ReleaseMap.RESOURCE));
        String edited = shipped.replaceFirst("(?m)^catalogs:", "extra: 1\ncatalogs:");
        assertFalse(YamlTrees.stored(edited));
        Map<?, ?> doc = (Map<?, ?>) YamlTrees.document(edited);
        assertEquals(1, doc.get("extra"), "the edit is seen");
        assertEquals(((Map<?, ?>) YamlTrees.document(shipped)).get("catalogs"), doc.get("catalogs"));
    }

    @Test
    void theBuildStepStoresWhatItCanAndLeavesTheRestToTheParse(@TempDir Path dir) throws Exception {
        Path changelogs = dir.resolve("changelogs");
        Files.createDirectories(changelogs.resolve("sub"));
        String plain = "a: [1, 2.5, 12345678901, 123456789012345678901234567890, true, null, 'x: y', {b: c}]\n---\nsecond: ~\n";
        String dated = "when: 2001-12-14\n";
        Files.writeString(changelogs.resolve("sub/plain.yaml"), plain);
        Files.writeString(changelogs.resolve("dated.yaml"), dated);
        Files.writeString(changelogs.resolve("notes.txt"), "not yaml: [");
        Path out = dir.resolve("out/yaml-trees.bin");

        YamlTrees.main(new String[] {changelogs.toString(), out.toString()});

        Map<Long, ByteBuffer> trees;
        try (InputStream in = Files.newInputStream(out)) {
            trees = YamlTrees.read(in);
        }
        assertEquals(1, trees.size(), "the timestamp file is left out");
        assertTrue(YamlTrees.stored(trees, plain));
        assertFalse(YamlTrees.stored(trees, dated));
        assertEquals(YamlTrees.parse(plain), YamlTrees.documents(trees, plain), "every stored kind of value, two documents");
        assertEquals(YamlTrees.parse(dated), YamlTrees.documents(trees, dated), "parsed instead");
        assertThrows(IllegalArgumentException.class, () -> YamlTrees.encode(YamlTrees.parse(dated)));
    }

    @Test
    void aDamagedOrMissingResourceOnlyCostsTheParse() {
        assertEquals(Map.of(), YamlTrees.read(null));
        assertEquals(Map.of(), YamlTrees.read(new ByteArrayInputStream("not the format".getBytes(StandardCharsets.UTF_8))));
        assertEquals(Map.of(), YamlTrees.read(new ByteArrayInputStream(new byte[] {0x59, 0x54, 0x42, 0x31, 0, 0, 0, 9, 1})),
                "a truncated file");
    }
}
