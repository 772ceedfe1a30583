package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.Printable;
import io.github.catalogrollback.runner.Progress;
import io.github.catalogrollback.runner.RunResult;
import io.github.catalogrollback.runner.StepResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows a run's progress live on stderr while its transaction is open: each step's line when the step ends, a
 * heartbeat line every 10 s while a step still runs, and a last line that says whether the run committed or rolled
 * back. With --output json each of these is one JSON object on its own line, so stdout keeps only the result.
 */
final class ProgressPrinter implements Progress, AutoCloseable {

    /**
     * Tests only: the heartbeat interval in milliseconds (default 10,000), so that a test need not wait 10 s. Not a
     * user-facing setting.
     */
    static final String HEARTBEAT_MILLIS_PROPERTY = "catalogrollback.progress.heartbeatMillis";

    private static final long DEFAULT_HEARTBEAT_MILLIS = 10_000;
    private static final int DOING_WIDTH = 100;

    private final PrintStream err;
    private final boolean json;
    private final long heartbeatMillis;
    private ScheduledExecutorService clock;
    private ScheduledFuture<?> heartbeat;
    private String running;
    private String doing;
    private long runningSince;
    /** A step ended: the run did work, so its end is worth a line (a run stopped in its first step has its error line). */
    private boolean anyStep;

    ProgressPrinter(PrintStream err, OutputOptions.Format format) {
        this.err = err;
        this.json = format == OutputOptions.Format.json;
        this.heartbeatMillis = Long.getLong(HEARTBEAT_MILLIS_PROPERTY, DEFAULT_HEARTBEAT_MILLIS);
    }

    @Override
    public synchronized void stepStarted(String label, String summary) {
        running = label;
        doing = summary;
        runningSince = System.nanoTime();
        cancelHeartbeat();
        if (clock == null) {
            clock = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "catalog-rollback progress");
                t.setDaemon(true);
                return t;
            });
        }
        heartbeat = clock.scheduleAtFixedRate(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stepEnded(StepResult step) {
        anyStep = true;
        if (step.label().equals(running)) {
            cancelHeartbeat();
            running = null;
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "step");
            m.put("step", step.label());
            m.put("elapsedMs", step.elapsed().toMillis());
            m.put("losesData", step.losesData());
            m.put("summary", step.summary());
            line(Json.write(m));
        } else {
            line(String.format(Locale.ROOT, "  - %s %s ok %5d ms   %s", step.label(), ".".repeat(Math.max(3, 12 - step.label().length())),
                    step.elapsed().toMillis(), step.summary()));
        }
    }

    private synchronized void beat() {
        if (running == null) {
            return;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - runningSince).toSeconds();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "heartbeat");
            m.put("step", running);
            m.put("runningSeconds", seconds);
            m.put("doing", doing);
            line(Json.write(m));
        } else {
            line("  - " + running + " still running, " + seconds + " s: " + shortened(doing));
        }
    }

    /** The run ended as {@code outcome}; said only once a step has ended. */
    synchronized void finished(RunResult.Outcome outcome) {
        finished(outcome.label());
    }

    /** The run failed and rolled back (its error line follows); said only once a step has ended. */
    synchronized void rolledBack() {
        finished("rolled-back");
    }

    private void finished(String outcome) {
        cancelHeartbeat();
        running = null;
        if (!anyStep) {
            return;
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "finished");
            m.put("outcome", outcome);
            line(Json.write(m));
        } else {
            // No time here: the result on stdout has the run's own.
            line(switch (outcome) {
                case "committed" -> "committed";
                case "rehearsed" -> "rolled back (dry run)";
                case "nothing-to-do" -> "nothing to do";
                default -> "rolled back (the error line below says what stayed)";
            });
        }
    }

    /** One line: JSON as it is (already escaped), text escaped so that it stays one line. */
    private void line(String text) {
        err.println(json ? text : Printable.escape(text));
        err.flush();
    }

    private static String shortened(String s) {
        String one = s.strip();
        return one.length() <= DOING_WIDTH ? one : one.substring(0, DOING_WIDTH - 1) + "…";
    }

    private void cancelHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }

    @Override
    public synchronized void close() {
        cancelHeartbeat();
        if (clock != null) {
            clock.shutdownNow();
        }
    }
}
