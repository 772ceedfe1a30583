package io.github.catalogrollback.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one reader of the tool's own YAML files (the changelogs, the release maps): SnakeYAML's tree of a text (maps,
 * lists, strings, numbers, booleans, nulls, as {@code SafeConstructor} makes them).
 *
 * <p>Parsing the ~40 files with SnakeYAML is most of a run's start-up on cold code (about 0.3 s here), so the build
 * stores each shipped file's tree in {@value #RESOURCE} ({@link #main}, in the pom's {@code process-classes}
 * phase), keyed by the file's exact bytes (CRC-32C and length). A text whose key is in that resource is decoded from
 * it; any other text (a changelog added or edited after the build, or a directory put before the jar on the
 * classpath, as {@link ChangelogIndex#classpathRoot} allows) is parsed with SnakeYAML as before. The stored trees
 * are therefore never a second source of truth: they are the parse of the same bytes, or unused.
 */
public final class YamlTrees {

    public static final String RESOURCE = "catalog-rollback/yaml-trees.bin";

    private static final int MAGIC = 0x59544231; // "YTB1"
    private static final byte NULL = 0, TRUE = 1, FALSE = 2, INT = 3, LONG = 4, DOUBLE = 5, BIG = 6, STRING = 7, LIST = 8, MAP = 9;

    private YamlTrees() {
    }

    /** The documents of a YAML text, in order. */
    public static List<Object> documents(String text) {
        return documents(Stored.TREES, text);
    }

    static List<Object> documents(Map<Long, ByteBuffer> trees, String text) {
        ByteBuffer stored = trees.get(key(text.getBytes(StandardCharsets.UTF_8)));
        return stored == null ? parse(text) : decodeDocuments(stored.duplicate());
    }

    /** The first document of a YAML text (null for a text with none). */
    public static Object document(String text) {
        List<Object> docs = documents(text);
        return docs.isEmpty() ? null : docs.get(0);
    }

    /** The first document of a YAML stream (UTF-8), read to its end. */
    public static Object document(InputStream in) {
        try {
            return document(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when this text's tree comes from the build's stored trees (no SnakeYAML parse). */
    static boolean stored(String text) {
        return stored(Stored.TREES, text);
    }

    static boolean stored(Map<Long, ByteBuffer> trees, String text) {
        return trees.containsKey(key(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Object> parse(String text) {
        List<Object> out = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(out::add);
        return out;
    }

    static long key(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (long) bytes.length << 32 | crc.getValue();
    }

    /** The stored trees of this build, read once. */
    private static final class Stored {
        static final Map<Long, ByteBuffer> TREES = read(YamlTrees.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** The trees a build stored (key: the text's bytes); empty for no stream or a damaged one, which only costs the parse. */
    static Map<Long, ByteBuffer> read(InputStream stream) {
        Map<Long, ByteBuffer> out = new HashMap<>();
        if (stream == null) {
            return out;
        }
        try (InputStream in = stream) {
            ByteBuffer all = ByteBuffer.wrap(in.readAllBytes());
            if (all.remaining() < 8 || all.getInt() != MAGIC) {
                return Map.of();
            }
            for (int n = all.getInt(); n > 0; n--) {
                long key = all.getLong();
                int length = all.getInt();
                out.put(key, all.slice(all.position(), length));
                all.position(all.position() + length);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static List<Object> decodeDocuments(ByteBuffer in) {
        List<Object> out = new ArrayList<>();
        for (int n = in.getInt(); n > 0; n--) {
            out.add(decode(in));
        }
        return out;
    }

    private static Object decode(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case INT:
                return in.getInt();
            case LONG:
                return in.getLong();
            case DOUBLE:
                return in.getDouble();
            case BIG:
                return new BigInteger(bytes(in));
            case STRING:
                return new String(bytes(in), StandardCharsets.UTF_8);
            case LIST: {
                int n = in.getInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(decode(in));
                }
                return list;
            }
            case MAP: {
                int n = in.getInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = decode(in);
                    map.put(k, decode(in));
                }
                return map;
            }
            default:
                throw new IllegalStateException(RESOURCE + " is damaged (tag " + tag + ")");
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    /** The stored form of a text's documents; fails on a value SnakeYAML's safe constructor made that is not listed above. */
    static byte[] encode(List<Object> documents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(documents.size());
            for (Object d : documents) {
                encode(d, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void encode(Object value, DataOutputStream out) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof BigInteger b) {
            out.writeByte(BIG);
            writeBytes(b.toByteArray(), out);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof ArrayList<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                encode(o, out);
            }
        } else if (value instanceof LinkedHashMap<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                encode(e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getName() + " value cannot be stored");
        }
    }

    private static void writeBytes(byte[] b, DataOutputStream out) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Build step: stores the tree of every {@code .yaml} file under a directory (the changelogs) in one file.
     * A file whose tree holds a value that cannot be stored (e.g. a YAML timestamp) is left out, with a note: the
     * tool then parses it at run time, as it does any file the build did not see.
     * Arguments: the directory, the output file.
     */
    public static void main(String[] args) throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Path target = java.nio.file.Path.of(args[1]);
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int stored = 0;
        try (DataOutputStream out = new DataOutputStream(body)) {
            for (java.nio.file.Path file : files) {
                byte[] text = Files.readAllBytes(file);
                byte[] tree;
                try {
                    tree = encode(parse(new String(text, StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    System.err.println("yaml-trees: " + dir.relativize(file) + " is parsed at run time: " + e.getMessage());
                    continue;
                }
                out.writeLong(key(text));
                out.writeInt(tree.length);
                out.write(tree);
                stored++;
            }
        }
        Files.createDirectories(target.getParent());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(target))) {
            out.writeInt(MAGIC);
            out.writeInt(stored);
            body.writeTo(out);
        }
    }
}
