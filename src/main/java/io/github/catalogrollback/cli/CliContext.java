package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import java.io.PrintStream;
import java.util.Map;

/** What every command needs from outside: the environment, the output streams and the runner. */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err, CatalogRunner runner) {

    Render render() {
        return new Render(runner.releases());
    }

    /** Prints a result on stdout as text or JSON, as --output asks. */
    <T> void print(OutputOptions output, T result, java.util.function.BiFunction<Render, T, String> text,
                   java.util.function.BiFunction<Render, T, String> json) {
        Render render = render();
        out.print(output.format == OutputOptions.Format.json ? json.apply(render, result) : text.apply(render, result));
        out.flush();
    }
}
