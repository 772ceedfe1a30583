package io.github.catalogrollback.runner;

import java.util.Map;
import java.util.Set;

/**
 * How a run finds the databases of the sources its metadata lists: the environment (for {@code {"from_env": …}}, as
 * graphql-engine reads it), {@code --source NAME=URL} instead of what the metadata says, and {@code --skip-source NAME}
 * for a source to leave alone.
 */
public record SourceSelection(Map<String, String> env, Map<String, DatabaseAddress> urls, Set<String> skip) {

    public SourceSelection {
        env = Map.copyOf(env);
        urls = Map.copyOf(urls);
        skip = Set.copyOf(skip);
    }

    /** Sources found only as the environment says, none given or skipped on the command line. */
    public static SourceSelection fromEnvironment(Map<String, String> env) {
        return new SourceSelection(env, Map.of(), Set.of());
    }

    /** True when the command line names sources (which a source-only database does not have). */
    public boolean namesSources() {
        return !urls.isEmpty() || !skip.isEmpty();
    }
}
