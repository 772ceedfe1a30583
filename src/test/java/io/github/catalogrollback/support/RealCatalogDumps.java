package io.github.catalogrollback.support;

import io.github.catalogrollback.runner.DatabaseAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real catalogs Hasura users published (pg_dump files in ../shared/real-catalogs, never copied into the
 * repository), restored into a test database as that folder's README says: without the lines that act on the whole
 * cluster or name roles that do not exist here, with psql, errors counted. A missing corpus fails the test.
 */
public final class RealCatalogDumps {

    public static final String ENV = "CATALOG_ROLLBACK_REAL_CATALOGS";

    /** Cluster-wide statements, psql meta-commands the README names, owners and grants. */
    private static final Pattern DROPPED = Pattern.compile("^(?:(?:CREATE|ALTER|DROP) (?:DATABASE|ROLE)\\b|\\\\(?:connect|restrict|unrestrict)\\b"
            + "|(?:GRANT|REVOKE)\\b|ALTER .* OWNER TO .*;\\s*$)");

    private RealCatalogDumps() {
    }

    /** $CATALOG_ROLLBACK_REAL_CATALOGS, else ../shared/real-catalogs next to the project; fails when it is not there. */
    public static Path directory() {
        String configured = System.getenv(ENV);
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../shared/real-catalogs").normalize();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("the real catalogs are missing: no directory " + dir + " (set " + ENV + ")");
        }
        return dir;
    }

    /** Restores a dump into the database and returns how many ERROR lines psql printed. */
    public static int restore(TestDatabase db, String file) throws IOException, InterruptedException {
        Path dump = directory().resolve(file);
        if (!Files.isRegularFile(dump)) {
            throw new AssertionError("the real catalog " + dump + " is missing");
        }
        List<String> kept = Files.readAllLines(dump, StandardCharsets.UTF_8).stream()
                .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                .filter(line -> !DROPPED.matcher(line).find()).toList();
        DatabaseAddress a = DatabaseAddress.parse(db.url(), null);
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=0", "-h", a.host(), "-p", Integer.toString(a.port()),
                "-U", a.user(), "-d", a.database()).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", a.password());
        Process psql = pb.start();
        try (OutputStream in = psql.getOutputStream()) {
            in.write(String.join("\n", kept).getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!psql.waitFor(300, TimeUnit.SECONDS)) {
            psql.destroyForcibly();
            throw new AssertionError("psql did not finish restoring " + file);
        }
        return (int) output.lines().filter(line -> line.contains("ERROR")).count();
    }
}
