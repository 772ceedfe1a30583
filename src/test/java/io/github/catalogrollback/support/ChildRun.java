package io.github.catalogrollback.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * catalog-rollback as a separate process (a child JVM on the test classpath), so that a test can kill it with
 * SIGKILL or terminate its backend while it is in the middle of a run.
 */
public final class ChildRun implements AutoCloseable {

    private final Process process;

    private ChildRun(Process process) {
        this.process = process;
    }

    public static ChildRun start(TestDatabase db, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url");
        all.add(db.url());
        return new ChildRun(new ProcessBuilder(command(List.of(), all)).redirectErrorStream(true).start());
    }

    /**
     * catalog-rollback as a child JVM working in {@code dir}, with HOME and java.io.tmpdir there too, so that a test can
     * look at every file it writes. The arguments are passed as they are (no --database-url is added).
     */
    public static ChildRun startIn(java.nio.file.Path dir, java.util.Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of("-Djava.io.tmpdir=" + dir, "-Duser.home=" + dir), List.of(args)))
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        return new ChildRun(builder.start());
    }

    /**
     * Runs catalog-rollback to its end as a child JVM whose classpath starts with {@code before}, so that the
     * changelogs/ and shapes/ there replace the shipped ones (see ChangelogIndex.classpathRoot), against a test
     * database (--database-url is appended). stdout and stderr are kept apart, as CliRun keeps them.
     */
    public static CliRun runWithClasspathBefore(java.nio.file.Path before, TestDatabase db, String... args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--database-url");
        all.add(db.url());
        java.nio.file.Path out = java.nio.file.Files.createTempFile("child-run", ".out");
        java.nio.file.Path err = java.nio.file.Files.createTempFile("child-run", ".err");
        try {
            Process p = new ProcessBuilder(command(List.of(), before + File.pathSeparator + System.getProperty("java.class.path"), all))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            ChildRun child = new ChildRun(p);
            int code = child.await();
            return new CliRun(code, java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private static List<String> command(List<String> jvmOptions, List<String> args) {
        return command(jvmOptions, System.getProperty("java.class.path"), args);
    }

    private static List<String> command(List<String> jvmOptions, String classpath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "io.github.catalogrollback.cli.Main"));
        command.addAll(args);
        return command;
    }

    /** Waits until the child's backend waits for a lock in this database (it is blocked mid-path). */
    public void awaitBlockedOnLock(TestDatabase db) throws InterruptedException {
        awaitBackend(db, "wait_event_type = 'Lock'");
    }

    /** Waits until the child's backend runs a statement that matches the SQL LIKE pattern. */
    public void awaitStatement(TestDatabase db, String likePattern) throws InterruptedException {
        awaitBackend(db, "state = 'active' AND query LIKE '" + likePattern.replace("'", "''") + "'");
    }

    private void awaitBackend(TestDatabase db, String condition) throws InterruptedException {
        try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'catalog-rollback' AND " + condition)) {
            for (int i = 0; i < 12000; i++) {
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the child run ended early:\n" + output());
                }
                Thread.sleep(5);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        throw new AssertionError("the child run never reached: " + condition);
    }

    /** The child's backend pid in this database. */
    public String backendPid(TestDatabase db) {
        return db.queryText("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'catalog-rollback'");
    }

    /**
     * Sends SIGTERM (what `kill PID`, systemd and Kubernetes send) and waits for the child to end. Through its
     * ProcessHandle: Process.destroy() would also close the streams whose output the test then reads.
     */
    public void terminate() throws InterruptedException {
        process.toHandle().destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the child to end by itself and returns its exit code. */
    public int await() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child run did not end");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until no catalog-rollback backend is left in this database (a killed client's backend ends later). */
    public static void awaitNoBackend(TestDatabase db) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if ("0".equals(db.queryText("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'catalog-rollback'"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("a catalog-rollback backend is still there");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
