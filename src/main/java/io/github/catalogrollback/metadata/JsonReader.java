package io.github.catalogrollback.metadata;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull reader over one JSON text in UTF-8, for walking a large metadata document (tens of MB) without building it
 * in memory: values can be skipped, or read into plain Java values (LinkedHashMap, ArrayList, String, BigDecimal,
 * Boolean, null) when they are small. The position can be saved and restored, so a value can be looked at and then
 * walked. The text must be valid JSON (PostgreSQL's json type guarantees it); anything else is an
 * {@link IllegalArgumentException} naming the byte offset.
 */
final class JsonReader {

    /** The kind of the next value. */
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    private final byte[] text;
    private int pos;

    JsonReader(byte[] text) {
        this.text = text;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    /** The kind of the next value, without consuming it. */
    Kind peek() {
        skipWhitespace();
        if (pos >= text.length) {
            throw error("a value");
        }
        return switch (text[pos]) {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            default -> Kind.NUMBER;
        };
    }

    /** True when the next value is null, false, {} or []: what a v2 document writes for "not set". */
    boolean nextIsEmpty() {
        Kind kind = peek();
        if (kind == Kind.NULL || kind == Kind.FALSE) {
            return true;
        }
        if (kind != Kind.OBJECT && kind != Kind.ARRAY) {
            return false;
        }
        int at = pos;
        pos++;
        skipWhitespace();
        boolean empty = pos < text.length && text[pos] == (kind == Kind.OBJECT ? '}' : ']');
        pos = at;
        return empty;
    }

    /** Consumes the '{' of an object; then call {@link #nextKey()} until it returns null. */
    void beginObject() {
        expect('{');
    }

    private int keyStart;
    private int keyLength;
    private boolean keyEscaped;

    /**
     * Moves to the next key of the current object (consuming it and its ':') without making a String of it; false
     * after the object's closing '}'. The key is then compared with {@link #keyIs} and read with {@link #keyText}.
     */
    boolean nextKeyInPlace() {
        skipWhitespace();
        if (pos < text.length && text[pos] == ',') {
            pos++;
            skipWhitespace();
        }
        if (pos < text.length && text[pos] == '}') {
            pos++;
            return false;
        }
        expect('"');
        keyStart = pos;
        keyEscaped = false;
        while (pos < text.length && text[pos] != '"') {
            if (text[pos] == '\\') {
                keyEscaped = true;
                pos++;
            }
            pos++;
        }
        keyLength = pos - keyStart;
        expect('"');
        skipWhitespace();
        expect(':');
        return true;
    }

    /** True when the current key is exactly these UTF-8 bytes (a key written with escapes never is). */
    boolean keyIs(byte[] key) {
        if (keyEscaped || key.length != keyLength) {
            return false;
        }
        for (int i = 0; i < keyLength; i++) {
            if (text[keyStart + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the current key is written with escapes (compare it by {@link #keyText} then). */
    boolean keyEscaped() {
        return keyEscaped;
    }

    /** The current key as a String. */
    String keyText() {
        if (!keyEscaped) {
            return new String(text, keyStart, keyLength, StandardCharsets.UTF_8);
        }
        int at = pos;
        pos = keyStart - 1;
        String key = readString();
        pos = at;
        return key;
    }

    /** The next key of the current object (consuming it and its ':'), or null after its closing '}'. */
    String nextKey() {
        return nextKeyInPlace() ? keyText() : null;
    }

    /** Consumes the '[' of an array; then call {@link #hasNext()} before each element. */
    void beginArray() {
        expect('[');
    }

    /** True when the current array has another element (positioned at it); false after its closing ']'. */
    boolean hasNext() {
        skipWhitespace();
        if (pos < text.length && text[pos] == ',') {
            pos++;
            skipWhitespace();
        }
        if (pos < text.length && text[pos] == ']') {
            pos++;
            return false;
        }
        return true;
    }

    /** Skips the next value, however large, allocating nothing. */
    void skipValue() {
        skipWhitespace();
        if (pos >= text.length) {
            throw error("a value");
        }
        byte b = text[pos];
        if (b == '"') {
            skipString();
        } else if (b == '{' || b == '[') {
            int depth = 0;
            do {
                b = text[pos];
                if (b == '"') {
                    skipString();
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0 && pos < text.length);
            if (depth > 0) {
                throw error("the end of a container");
            }
        } else {
            while (pos < text.length && !isDelimiter(text[pos])) {
                pos++;
            }
        }
    }

    /** Reads the next value into plain Java values. */
    Object readValue() {
        return switch (peek()) {
            case OBJECT -> {
                beginObject();
                Map<String, Object> map = new LinkedHashMap<>();
                for (String key = nextKey(); key != null; key = nextKey()) {
                    map.put(key, readValue());
                }
                yield map;
            }
            case ARRAY -> {
                beginArray();
                List<Object> list = new ArrayList<>();
                while (hasNext()) {
                    list.add(readValue());
                }
                yield list;
            }
            case STRING -> readString();
            case TRUE -> literal("true", Boolean.TRUE);
            case FALSE -> literal("false", Boolean.FALSE);
            case NULL -> literal("null", null);
            case NUMBER -> {
                int start = pos;
                while (pos < text.length && !isDelimiter(text[pos])) {
                    pos++;
                }
                try {
                    yield new BigDecimal(new String(text, start, pos - start, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("a value");
                }
            }
        };
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= text.length || text[pos + i] != word.charAt(i)) {
                throw error(word);
            }
        }
        pos += word.length();
        return value;
    }

    private String readString() {
        skipWhitespace();
        expect('"');
        int start = pos;
        while (pos < text.length && text[pos] != '"' && text[pos] != '\\') {
            pos++;
        }
        if (pos < text.length && text[pos] == '"') {
            return new String(text, start, pos++ - start, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(new String(text, start, pos - start, StandardCharsets.UTF_8));
        while (pos < text.length && text[pos] != '"') {
            if (text[pos] != '\\') {
                int run = pos;
                while (pos < text.length && text[pos] != '"' && text[pos] != '\\') {
                    pos++;
                }
                out.append(new String(text, run, pos - run, StandardCharsets.UTF_8));
                continue;
            }
            if (pos + 1 >= text.length) {
                throw error("an escape");
            }
            byte escaped = text[pos + 1];
            pos += 2;
            switch (escaped) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length) {
                        throw error("four hex digits");
                    }
                    out.append((char) Integer.parseInt(new String(text, pos, 4, StandardCharsets.US_ASCII), 16));
                    pos += 4;
                }
                default -> throw error("an escape");
            }
        }
        expect('"');
        return out.toString();
    }

    private void skipString() {
        pos++;
        while (pos < text.length) {
            byte b = text[pos++];
            if (b == '\\') {
                pos++;
            } else if (b == '"') {
                return;
            }
        }
        throw error("the end of a string");
    }

    private void skipWhitespace() {
        while (pos < text.length) {
            byte b = text[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        skipWhitespace();
        if (pos >= text.length || text[pos] != c) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("malformed JSON at byte " + pos + ": expected " + expected);
    }
}
