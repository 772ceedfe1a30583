package io.github.catalogrollback.support;

import io.github.catalogrollback.cli.Cli;
import io.github.catalogrollback.metadata.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the real CLI in-process (the factory Main uses) and keeps its exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return withEnv(Map.of(), args);
    }

    public static CliRun withEnv(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(new HashMap<>(env), o, e, args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs against a test database: --database-url is appended. */
    public static CliRun on(TestDatabase db, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--database-url";
        all[args.length + 1] = db.url();
        return run(all);
    }

    /**
     * stdout parsed as the run's one JSON result ({@code --output json}): maps, lists, strings, numbers as BigDecimal,
     * booleans and null. Fails the test when stdout is not one JSON object.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        Object value;
        try {
            value = JsonText.parse(out.strip());
        } catch (RuntimeException e) {
            throw new AssertionError("stdout is not JSON (" + e.getMessage() + "):\n" + printed(), e);
        }
        if (!(value instanceof Map)) {
            throw new AssertionError("stdout is JSON but not an object:\n" + printed());
        }
        return (Map<String, Object>) value;
    }

    /** A field of the JSON result, by a path of keys and list indexes: {@code field("steps", 0, "step")}. */
    public Object field(Object... path) {
        Object at = json();
        for (Object key : path) {
            if (key instanceof Integer i && at instanceof java.util.List<?> list && i < list.size()) {
                at = list.get(i);
            } else if (key instanceof String k && at instanceof Map<?, ?> map && map.containsKey(k)) {
                at = map.get(k);
            } else {
                throw new AssertionError("the JSON result has no " + java.util.Arrays.toString(path) + ":\n" + printed());
            }
        }
        return at;
    }

    /** A number field of the JSON result as an int (versions, counts, exit codes). */
    public int intField(Object... path) {
        Object value = field(path);
        if (!(value instanceof java.math.BigDecimal n)) {
            throw new AssertionError(java.util.Arrays.toString(path) + " is " + value + ", not a number:\n" + printed());
        }
        return n.intValueExact();
    }

    /** Everything the run printed, for messages of failed assertions. */
    public String printed() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
