package io.github.catalogrollback.cli;

/** Entry point of the runnable jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(System.getenv(), System.out, System.err, args));
    }
}
