package io.github.catalogrollback.runner;

import java.time.Duration;

/** One step of a run as it went: "48 → 47", how long it took, whether it loses data, what it does. */
public record StepResult(String label, Duration elapsed, boolean losesData, String summary) {
}
