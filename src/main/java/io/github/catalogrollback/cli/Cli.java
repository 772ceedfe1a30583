package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.RunFailure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one CommandLine factory: {@link Main} and the tests build the CLI here, so the tests run the real thing.
 * Maps every failure to its exit code and a one-line message on stderr.
 */
public final class Cli {

    private Cli() {
    }

    public static CommandLine create(Map<String, String> env, PrintStream out, PrintStream err) {
        CliContext context = new CliContext(env, out, err, new CatalogRunner(ChangelogIndex.load(), ReleaseMap.load()));
        CommandLine cli = new CommandLine(new RollbackCommand(context));
        cli.addSubcommand(new UpgradeCommand(context));
        cli.addSubcommand(new StatusCommand(context));
        cli.addSubcommand(new InitCommand(context));
        cli.addSubcommand(new PlanCommand(context));
        cli.addSubcommand(new VerifyCommand(context));
        cli.addSubcommand(new HistoryCommand(context));
        cli.addSubcommand(new SqlCommand(context));
        cli.addSubcommand(new CompletionCommand(context));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        java.util.List<CommandLine> all = new java.util.ArrayList<>(cli.getSubcommands().values());
        all.add(cli);
        for (CommandLine c : all) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        }
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            String command = where.getCommandSpec().qualifiedName();
            err.println("error: " + firstLine(e.getMessage()) + "; nothing changed. See `" + command + " --help`.");
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean stacktrace = parseResult.hasMatchedOption("--stacktrace")
                    || parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--stacktrace");
            if (e instanceof RunFailure failure) {
                err.println("error: " + failure.getMessage());
                if (stacktrace) {
                    failure.printStackTrace(err);
                }
                return ExitCode.of(failure.kind()).code();
            }
            err.println("error: internal error (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
                    + "); the run's transaction was rolled back. This is a bug: rerun with --stacktrace and report it.");
            if (stacktrace) {
                e.printStackTrace(err);
            }
            return ExitCode.INTERNAL_ERROR.code();
        });
        return cli;
    }

    /** Runs the CLI and returns its exit code. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        return create(env, out, err).execute(args);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
