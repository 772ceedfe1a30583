package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.runner.CatalogRunner;
import io.github.catalogrollback.runner.Interruption;
import io.github.catalogrollback.runner.Printable;
import io.github.catalogrollback.runner.RunFailure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
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
        return create(env, out, err, new Interruption());
    }

    /** The CLI whose runs report where they stand to {@code interruption}, for {@link Main}'s SIGTERM handling. */
    static CommandLine create(Map<String, String> env, PrintStream out, PrintStream err, Interruption interruption) {
        return create(context(env, out, err, interruption), out, err, interruption, true);
    }

    private static CliContext context(Map<String, String> env, PrintStream out, PrintStream err, Interruption interruption) {
        return new CliContext(env, out, err, new CatalogRunner(ChangelogIndex.load(), ReleaseMap.load(), interruption));
    }

    /**
     * The CLI; {@code subcommands} false builds only the root command (the default rollback), whose model picocli
     * builds by reflection in a fraction of the time all of them take.
     */
    private static CommandLine create(CliContext context, PrintStream out, PrintStream err, Interruption interruption, boolean subcommands) {
        CommandLine cli = new CommandLine(new RollbackCommand(context));
        if (subcommands) {
            // `catalog-rollback rollback --to-version 47` names the default action: the same command, under a subcommand name.
            CommandLine rollback = new CommandLine(new RollbackCommand(context));
            rollback.getCommandSpec().name("rollback");
            rollback.getCommandSpec().usageMessage().description(
                    "Rolls the catalog back (catalog-rollback rollback --to-version 47, or --to-release v2.0.7): the same as"
                            + " catalog-rollback without a subcommand, written out. See catalog-rollback --help.");
            cli.addSubcommand("rollback", rollback);
            cli.addSubcommand(new UpgradeCommand(context));
            cli.addSubcommand(new StatusCommand(context));
            cli.addSubcommand(new InitCommand(context));
            cli.addSubcommand(new PlanCommand(context));
            cli.addSubcommand(new VerifyCommand(context));
            cli.addSubcommand(new HistoryCommand(context));
            cli.addSubcommand(new SqlCommand(context));
            cli.addSubcommand(new CompletionCommand(context));
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        java.util.List<CommandLine> all = new java.util.ArrayList<>(cli.getSubcommands().values());
        all.add(cli);
        for (CommandLine c : all) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
            // Every command shows -V, --version: each one prints the version, not only the root.
            c.getCommandSpec().versionProvider(cli.getCommandSpec().versionProvider());
        }
        cli.setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            return report(ExitCode.USAGE, String.valueOf(e.getMessage()).strip() + suggestion(e) + "; nothing changed. See `" + command
                    + " --help`.", List.of(args), out, err, null);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            List<String> args = parseResult.originalArgs();
            boolean stacktrace = args.contains("--stacktrace");
            if (e instanceof RunFailure failure) {
                ExitCode code = ExitCode.of(failure.kind());
                return interruption.interrupted() ? code.code() : report(code, failure.getMessage(), args, out, err, stacktrace ? failure : null);
            }
            if (interruption.interrupted()) {
                return ExitCode.INTERNAL_ERROR.code();
            }
            return internalError(e, args, out, err);
        });
        return cli;
    }

    /** Runs the CLI and returns its exit code. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        return run(env, out, err, new Interruption(), args);
    }

    /**
     * Runs the CLI: the root command alone when the arguments are a valid rollback of their own (no subcommand, no help
     * or version request), else the whole CLI (a subcommand, help, or any usage error, which then gets the whole CLI's
     * message and suggestions). Both parse the same arguments the same way; the root alone only starts faster.
     */
    static int run(Map<String, String> env, PrintStream out, PrintStream err, Interruption interruption, String... args) {
        CliContext context = context(env, out, err, interruption);
        CommandLine root = create(context, out, err, interruption, false);
        if (rollbackAlone(root, args)) {
            return root.execute(args);
        }
        return create(context, out, err, interruption, true).execute(args);
    }

    private static boolean rollbackAlone(CommandLine root, String... args) {
        try {
            CommandLine.ParseResult parsed = root.parseArgs(args);
            return !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /**
     * What {@link Main}'s shutdown hook prints when SIGTERM (or Ctrl-C) stops the process, by what the interruption
     * left; the process then ends with the signal's exit code (143 for SIGTERM). The run's own error, which follows
     * from its closed connection, is not printed.
     */
    static void interrupted(Interruption.Outcome outcome, List<String> args, PrintStream out, PrintStream err) {
        String message = switch (outcome) {
            case ROLLED_BACK -> "interrupted: the whole run was rolled back, nothing changed";
            case NOTHING_RUNNING -> "interrupted; nothing changed";
            case COMMIT_UNDER_WAY -> "interrupted during COMMIT: whether the run took effect is unknown; run `catalog-rollback status` to see";
            case COMMITTED -> "interrupted after the run committed; run `catalog-rollback status` to see the catalog";
        };
        report(ExitCode.INTERRUPTED, message, args, out, err, null);
    }

    /**
     * An unexpected exception or error, wherever it surfaced (a command, or the CLI's own set-up): exit 1, one line, the
     * trace only with --stacktrace.
     */
    static int internalError(Throwable e, List<String> args, PrintStream out, PrintStream err) {
        return report(ExitCode.INTERNAL_ERROR, "internal error (" + e.getClass().getSimpleName() + ": "
                + (e.getMessage() == null ? "no message" : Printable.firstLine(e.getMessage()))
                + "); the run's transaction was rolled back. This is a bug: rerun with --stacktrace and report it.", args, out, err,
                args.contains("--stacktrace") ? e : null);
    }

    /**
     * Every failure ends here: one line on stderr, escaped so that it stays one line, with every echoed argument that
     * may hold a credential redacted; with --output json also one JSON object on stdout; with --stacktrace the trace.
     */
    static int report(ExitCode code, String message, List<String> args, PrintStream out, PrintStream err, Throwable trace) {
        Redaction redaction = Redaction.of(args);
        String line = Printable.escape(redaction.apply(message));
        err.println("error: " + line);
        if (trace != null) {
            StringWriter text = new StringWriter();
            trace.printStackTrace(new PrintWriter(text));
            err.print(redaction.apply(text.toString()));
        }
        err.flush();
        if (wantsJson(args)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outcome", code.outcome());
            json.put("exitCode", code.code());
            json.put("message", line);
            out.println(Json.write(json));
            out.flush();
        }
        return code.code();
    }

    /** --output json anywhere on the command line (also when the rest of it does not parse). */
    static boolean wantsJson(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--output=json") || args.get(i).equals("--output") && i + 1 < args.size() && args.get(i + 1).equals("json")) {
                return true;
            }
        }
        return false;
    }

    /** " (did you mean status?)" for a mistyped command or option; nothing for a stray argument that may hold a credential. */
    private static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return "";
        }
        String first = unmatched.getUnmatched().get(0);
        if (!first.startsWith("-") && Redaction.isSensitive(first)) {
            return "";
        }
        List<String> suggestions = unmatched.getSuggestions();
        return suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)";
    }

}
