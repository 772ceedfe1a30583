package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.metadata.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Exit code 1: an exception no part of the tool expected (a bug) reaches the CLI's one exception mapper, the one
 * {@link Cli#create} installs and every run goes through. The test hands that real mapper a real exception, as a
 * command's failure would reach it, and checks what the operator sees. No database, no mocks.
 */
class InternalErrorTest {

    private record Seen(int exitCode, String out, String err) {
    }

    private static Seen unexpected(Exception e, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CommandLine cli = Cli.create(Map.of(), o, r);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            code = cli.getExecutionExceptionHandler().handleExecutionException(e, cli, parsed);
        }
        return new Seen(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnexpectedExceptionIsExitCode1WithOneLineThatSaysItIsABug() throws Exception {
        Seen seen = unexpected(new IllegalStateException("index 3 out of bounds\nsecond line"), "status");
        assertEquals(ExitCode.INTERNAL_ERROR.code(), seen.exitCode());
        assertEquals(1, ExitCode.INTERNAL_ERROR.code(), "the documented code");
        assertEquals("error: internal error (IllegalStateException: index 3 out of bounds); the run's transaction was rolled back."
                + " This is a bug: rerun with --stacktrace and report it.\n", seen.err(), "one line: the exception's first line only");
        assertEquals("", seen.out(), "nothing on stdout without --output json");
    }

    @Test
    void withJsonTheSameFailureIsAlsoOneJsonObjectOnStdout() throws Exception {
        Seen seen = unexpected(new NullPointerException(), "--to-version", "47", "--output", "json");
        assertEquals(1, seen.exitCode());
        Map<?, ?> json = (Map<?, ?>) JsonText.parse(seen.out());
        assertEquals("internal-error", json.get("outcome"));
        assertEquals(new java.math.BigDecimal(1), json.get("exitCode"));
        assertEquals("internal error (NullPointerException: no message); the run's transaction was rolled back. This is a bug: rerun"
                + " with --stacktrace and report it.", json.get("message"));
    }

    @Test
    void withStacktraceTheTraceFollowsTheLineAndCredentialsStayHidden() throws Exception {
        Seen seen = unexpected(new IllegalArgumentException("cannot use postgres://u:Sekr1t-x@db/h"),
                "status", "--stacktrace", "--database-url", "postgres://u:Sekr1t-x@db/h");
        assertEquals(1, seen.exitCode());
        assertTrue(seen.err().startsWith("error: internal error (IllegalArgumentException: "), seen.err());
        assertTrue(seen.err().contains("\tat " + InternalErrorTest.class.getName()), "the stack trace follows\n" + seen.err());
        assertTrue(!seen.err().contains("Sekr1t-x"), "no password, not even in the trace\n" + seen.err());
    }

    /**
     * A failure outside any command (here the CLI's own set-up: a changelogs/master.yaml that is not YAML, first on the
     * classpath) still ends as exit 1 with one line, and is never reported as "interrupted" with 143.
     */
    @Test
    void aFailureWhileTheCliIsBuiltIsExitCode1NotInterrupted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("changelogs"));
        java.nio.file.Files.writeString(dir.resolve("changelogs/master.yaml"), "databaseChangeLog: [ {include: {file: \n");
        try (io.github.catalogrollback.support.TestDatabase db = io.github.catalogrollback.support.TestDatabase.fresh()) {
            io.github.catalogrollback.support.CliRun run = io.github.catalogrollback.support.ChildRun.runWithClasspathBefore(dir, db,
                    "--to-version", "47", "--output", "json");
            assertEquals(ExitCode.INTERNAL_ERROR.code(), run.exitCode(), run.printed());
            // The test classpath may carry SLF4J 1, whose "no binder" notice the child prints first; it is not ours.
            java.util.List<String> ours = run.err().strip().lines().filter(l -> !l.startsWith("SLF4J:")).toList();
            assertEquals(1, ours.size(), "one line\n" + run.printed());
            assertTrue(ours.get(0).startsWith("error: internal error ("), run.printed());
            assertTrue(!run.printed().contains("interrupted"), run.printed());
            assertEquals("internal-error", run.field("outcome"));
        }
    }
}
