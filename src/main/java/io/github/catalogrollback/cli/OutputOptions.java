package io.github.catalogrollback.cli;

import picocli.CommandLine.Option;

/** How a command prints its result. */
public final class OutputOptions {

    public enum Format { text, json }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}). Results go to stdout, errors to stderr.")
    Format format;

    @Option(names = "--stacktrace", description = "On an error, also print the Java stack trace (never secrets).")
    boolean stacktrace;
}
