package io.github.catalogrollback.catalog;

/** Which way a run moves the catalog. */
public enum Direction {
    /** To an older catalog version (the tool's main job). */
    DOWN("rollback"),
    /** To a newer catalog version. */
    UP("upgrade");

    private final String verb;

    Direction(String verb) {
        this.verb = verb;
    }

    /** The command that moves this way. */
    public String verb() {
        return verb;
    }
}
