package io.github.catalogrollback.support;

import io.github.catalogrollback.cli.Cli;
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

    /** Everything the run printed, for messages of failed assertions. */
    public String printed() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
