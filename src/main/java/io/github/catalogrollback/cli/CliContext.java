package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.CatalogRunner;
import java.io.PrintStream;
import java.util.Map;

/** What every command needs from outside: the environment, the output streams and the runner. */
record CliContext(Map<String, String> env, PrintStream out, PrintStream err, CatalogRunner runner) {

    Render render() {
        return new Render(runner.releases());
    }
}
