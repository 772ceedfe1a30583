package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.DatabaseAddress;
import io.github.catalogrollback.runner.RunFailure;
import io.github.catalogrollback.runner.SourceSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Where the source databases of the metadata are, when the metadata and the environment do not say it right. */
public final class SourceOptions {

    @Option(names = "--source", paramLabel = "NAME=URL",
            description = "The database of source NAME (its name in the metadata), instead of what the metadata says"
                    + " (database_url, from_env, connection_parameters). Repeat for more sources. The password is never printed.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--skip-source", paramLabel = "NAME",
            description = "Leave source NAME as it is: not checked, not moved (e.g. a database you cannot reach now). `plan`"
                    + " says that it will not start the target server if its source catalog is too new. Repeat for more.")
    List<String> skip = new ArrayList<>();

    /**
     * The selection a run resolves sources with.
     *
     * @throws RunFailure USAGE for a --source that is not NAME=URL or not a PostgreSQL URL (the URL is never repeated),
     *                    a source given twice, or one both given and skipped
     */
    SourceSelection selection(Map<String, String> env) {
        Map<String, DatabaseAddress> urls = new LinkedHashMap<>();
        for (String given : sources) {
            int eq = given.indexOf('=');
            String name = eq < 0 ? "" : given.substring(0, eq).strip();
            String url = eq < 0 ? "" : given.substring(eq + 1);
            if (name.isEmpty() || url.isBlank()) {
                throw new RunFailure(RunFailure.Kind.USAGE, "--source expects NAME=URL, e.g. --source warehouse=postgres://user:password@host:5432/db;"
                        + " nothing changed.");
            }
            DatabaseAddress address;
            try {
                address = DatabaseAddress.parse(url, env.get("PGPASSWORD"));
            } catch (RunFailure e) {
                throw new RunFailure(RunFailure.Kind.USAGE, "--source " + name + ": " + e.getMessage());
            }
            if (urls.put(name, address) != null) {
                throw new RunFailure(RunFailure.Kind.USAGE, "--source " + name + " is given twice; nothing changed.");
            }
        }
        Set<String> skipped = new LinkedHashSet<>(skip);
        skipped.retainAll(urls.keySet());
        if (!skipped.isEmpty()) {
            throw new RunFailure(RunFailure.Kind.USAGE, "source " + String.join(", ", skipped) + " is both given with --source and"
                    + " skipped with --skip-source; nothing changed.");
        }
        return new SourceSelection(env, urls, new LinkedHashSet<>(skip));
    }
}
