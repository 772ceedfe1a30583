package io.github.catalogrollback.runner;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.safety.AuditLog;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/** What one run knows about itself as it goes, for its audit row: id, start, versions, backup. */
final class RunLog {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    final String command;
    final boolean dryRun;
    final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    CatalogVersion from;
    CatalogVersion to;
    String backupTable;

    RunLog(String command, boolean dryRun, CatalogVersion to) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        this.id = (ID.format(started) + "_" + HexFormat.of().formatHex(suffix)).toLowerCase(java.util.Locale.ROOT);
        this.command = command;
        this.dryRun = dryRun;
        this.to = to;
    }

    java.time.Duration elapsed() {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    AuditLog.Entry entry(String outcome, String message) {
        return new AuditLog.Entry(id, started, Instant.now(), "", System.getProperty("user.name"), command,
                Optional.ofNullable(from).map(CatalogVersion::number), Optional.ofNullable(to).map(CatalogVersion::number), dryRun,
                outcome, elapsed().toMillis(), Optional.ofNullable(backupTable), message);
    }
}
