package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The completion scripts name the live command tree, and bash completes with them. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void bashScriptNamesEverySubcommandAndOptionOfTheCommandTree() {
        CliRun run = CliRun.run("completion", "bash");
        assertEquals(0, run.exitCode(), run.printed());
        String script = run.out();
        List<CommandLine> commands = new ArrayList<>();
        collect(Cli.create(new HashMap<>(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())),
                commands);
        assertTrue(commands.size() > 1, "the tree has subcommands");
        for (CommandLine command : commands) {
            String name = command.getCommandName();
            assertTrue(script.contains("_picocli_" + command.getCommandSpec().qualifiedName("_") + "()"),
                    "a completion function for " + command.getCommandSpec().qualifiedName());
            if (command.getParent() != null) {
                assertTrue(script.contains("local cmds") && script.matches("(?s).*local cmds\\d+=\\(" + name + "\\).*"),
                        "the script names subcommand " + name);
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String optionName : option.names()) {
                    assertTrue(script.contains("'" + optionName + "'"),
                            "the script names option " + optionName + " of " + command.getCommandSpec().qualifiedName());
                }
            }
        }
    }

    @Test
    void bashCompletesSubcommandsOptionsAndTheirValues() throws Exception {
        Path script = dir.resolve("catalog-rollback.bash");
        Files.writeString(script, CliRun.run("completion", "bash").out());
        assertEquals("status", complete(script, "catalog-rollback sta"), "a subcommand");
        assertEquals("--output", complete(script, "catalog-rollback status --outp"), "an option of a subcommand");
        assertEquals("--restore-from", complete(script, "catalog-rollback upgrade --resto"), "an option only upgrade has");
        assertEquals("text json", complete(script, "catalog-rollback status --output "), "the values of --output");
        assertEquals("bash zsh", complete(script, "catalog-rollback completion "), "the shells of completion");
    }

    @Test
    void zshScriptIsTheSameTreeThroughBashcompinit() {
        CliRun zsh = CliRun.run("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh.printed());
        assertTrue(zsh.out().contains("autoload -U +X bashcompinit && bashcompinit"), "zsh loads bashcompinit\n" + zsh.out());
        String bash = CliRun.run("completion", "bash").out();
        assertEquals(bash.substring(bash.indexOf("\n#!")), zsh.out().substring(zsh.out().indexOf("\n#!")),
                "the same script below the header");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliRun fish = CliRun.run("completion", "fish");
        assertEquals(2, fish.exitCode(), fish.printed());
        assertTrue(fish.err().startsWith("error: ") && fish.err().contains("bash, zsh"), fish.printed());
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    /** What bash offers for the line (the cursor at its end), as completion's function fills COMPREPLY. */
    private static String complete(Path script, String line) throws IOException, InterruptedException {
        // compopt only works inside a completion that bash itself started: a no-op here.
        String program = "source \"$1\"; compopt() { :; }; COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE};"
                + " read -r -a COMP_WORDS <<<\"$COMP_LINE\"; [[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('');"
                + " COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _complete_catalog-rollback; echo \"${COMPREPLY[*]}\"";
        Process bash = new ProcessBuilder("bash", "--norc", "-c", program, "bash", script.toString(), line)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, bash.exitValue(), "bash ran the completion\n" + out);
        return out;
    }
}
