package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Each command's --help lists exactly the options that command honours: this list is the reviewed truth. */
class HelpOptionsTest {

    private static final List<String> STANDARD = List.of("--help", "--version");
    private static final List<String> CONNECTION = List.of("--database-url", "--lock-timeout", "--output", "--stacktrace");
    private static final List<String> TARGET = List.of("--to-version", "--to-release");
    private static final List<String> SOURCES = List.of("--source", "--skip-source");
    private static final List<String> SAFETY = List.of("--force", "--ignore-drift", "--no-backup", "--accept-metadata-loss",
            "--drop-foreign-objects");

    private static Map<String, List<String>> expected() {
        List<String> rollback = all(TARGET, List.of("--dry-run"), SAFETY, SOURCES, CONNECTION, List.of("--detailed-exitcode"));
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("catalog-rollback", rollback);
        m.put("rollback", rollback);
        m.put("upgrade", all(rollback, List.of("--restore-from")));
        m.put("status", all(SOURCES, CONNECTION));
        m.put("init", all(TARGET, List.of("--dry-run"), CONNECTION));
        m.put("plan", all(TARGET, SOURCES, CONNECTION, List.of("--detailed-exitcode")));
        m.put("verify", CONNECTION);
        m.put("history", all(List.of("--limit"), CONNECTION));
        m.put("sql", all(List.of("--from-version"), TARGET));
        m.put("completion", List.of());
        return m;
    }

    @SafeVarargs
    private static List<String> all(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    @Test
    void everyCommandShowsExactlyTheOptionsItHonours() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        CommandLine cli = Cli.create(Map.of(), sink, sink);
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        commands.put("catalog-rollback", cli);
        commands.putAll(cli.getSubcommands());
        assertEquals(new TreeSet<>(expected().keySet()), new TreeSet<>(commands.keySet()), "every command is in the reviewed list");
        commands.forEach((name, command) -> {
            TreeSet<String> shown = new TreeSet<>();
            command.getCommandSpec().options().stream().filter(o -> !o.hidden()).forEach(o -> shown.add(o.longestName()));
            TreeSet<String> want = new TreeSet<>(expected().get(name));
            want.addAll(STANDARD);
            assertEquals(want, shown, "the options " + name + " --help lists");
        });
    }

    @Test
    void everyCommandPrintsItsVersion() {
        for (String name : expected().keySet()) {
            CliRun run = name.equals("catalog-rollback") ? CliRun.run("--version") : CliRun.run(name, "--version");
            assertEquals(0, run.exitCode(), name + " --version\n" + run.printed());
            assertTrue(run.out().startsWith("catalog-rollback "), name + " --version prints the version\n" + run.printed());
        }
    }

    @Test
    void theHelpListsExitZeroForNothingToDoAndThreeOnlyOnRequest() {
        CliRun help = CliRun.run("--help");
        assertTrue(help.out().contains("0     done, or nothing to do"), help.printed());
        assertTrue(help.out().contains("3     with --detailed-exitcode only"), help.printed());
        CliRun rollbackHelp = CliRun.run("rollback", "--help");
        assertEquals(0, rollbackHelp.exitCode(), rollbackHelp.printed());
        assertTrue(rollbackHelp.out().contains("Usage: catalog-rollback rollback"), rollbackHelp.printed());
        assertFalse(CliRun.run("status", "--help").out().lines().anyMatch(l -> l.strip().startsWith("--dry-run")),
                "status lists no --dry-run option");
        assertTrue(CliRun.run("init", "--help").out().lines().anyMatch(l -> l.strip().startsWith("--dry-run")), "init does");
    }
}
