package io.github.catalogrollback.cli;

import picocli.CommandLine.Option;

/** How a command that can find nothing to do says so in its exit code: 0 (idempotent) unless --detailed-exitcode asks for 3. */
public final class ExitOptions {

    @Option(names = "--detailed-exitcode",
            description = "Exit 3 instead of 0 when the catalog and every source catalog are already at the target.")
    boolean detailed;

    int code(boolean nothingToDo) {
        return (nothingToDo && detailed ? ExitCode.NOTHING_TO_DO : ExitCode.DONE).code();
    }
}
