package io.github.catalogrollback.metadata;

import java.nio.charset.StandardCharsets;

/** The project's own JSON reader ({@link JsonReader}) for tests outside this package: JSON text to plain Java values. */
public final class JsonText {

    private JsonText() {
    }

    /** Maps (LinkedHashMap), lists, strings, numbers (BigDecimal), booleans and null. */
    public static Object parse(String json) {
        return new JsonReader(json.getBytes(StandardCharsets.UTF_8)).readValue();
    }
}
