package io.github.catalogrollback.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.catalogrollback.runner.DatabaseAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus of real catalogs: plain-SQL pg_dump files that Hasura users published (../shared/real-catalogs, see
 * its README), and how to restore one into a test database the way that README says: without the statements that
 * act on the whole cluster (databases, roles, \connect, \restrict), without owners and grants (the dumps name
 * roles that do not exist here), with pgcrypto created first when the dump does not create it, through psql with
 * ON_ERROR_STOP off (a dump may carry its own errors, such as a foreign key added twice).
 */
public final class RealCatalogs {

    /** Where the corpus is, when it is not at {@code <project>/../shared/real-catalogs}. */
    public static final String ENV = "CATALOG_ROLLBACK_REAL_CATALOGS";

    private static final Pattern CLUSTER_WIDE = Pattern.compile(
            "^(CREATE|ALTER|DROP) (DATABASE|ROLE)\\b.*|^\\\\connect\\b.*|^\\\\(un)?restrict\\b.*|.*\\bOWNER TO\\b.*|^GRANT\\b.*|^REVOKE\\b.*");

    private RealCatalogs() {
    }

    /** The corpus directory; fails the test (never skips it) when it is missing, saying where it looked. */
    public static Path corpus() {
        String configured = System.getenv(ENV);
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../shared/real-catalogs").normalize();
        if (!Files.isDirectory(dir)) {
            fail("the real-catalog corpus is missing: looked in " + dir.toAbsolutePath() + (configured == null || configured.isBlank()
                    ? " (<project>/../shared/real-catalogs; set " + ENV + " to point elsewhere)" : " ($" + ENV + ")"));
        }
        return dir;
    }

    /** Every dump of the corpus, by name. */
    public static List<Path> dumps() {
        try (Stream<Path> files = Files.list(corpus())) {
            List<Path> dumps = files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
            if (dumps.isEmpty()) {
                fail("the real-catalog corpus " + corpus() + " holds no .sql dumps");
            }
            return dumps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores a dump into the (empty) database; returns the number of ERROR lines psql printed. */
    public static int restore(Path dump, TestDatabase db) {
        try {
            String text = Files.readString(dump, StandardCharsets.UTF_8).replace("\r", "");
            StringBuilder sql = new StringBuilder();
            if (!Pattern.compile("(?m)^CREATE EXTENSION .*pgcrypto").matcher(text).find()) {
                sql.append("CREATE EXTENSION IF NOT EXISTS pgcrypto;\n");
            }
            for (String line : text.split("\n", -1)) {
                if (!CLUSTER_WIDE.matcher(line).matches()) {
                    sql.append(line).append('\n');
                }
            }
            Path file = Files.createTempFile("real-catalog-", ".sql");
            try {
                Files.writeString(file, sql, StandardCharsets.UTF_8);
                return psql(db, file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int psql(TestDatabase db, Path file) throws IOException {
        DatabaseAddress a = DatabaseAddress.parse(db.url(), null);
        ProcessBuilder pb = new ProcessBuilder(psqlBinary(), "-X", "-q", "-v", "ON_ERROR_STOP=0", "-h", a.host(), "-p",
                Integer.toString(a.port()), "-U", a.user(), "-d", a.database(), "-f", file.toString());
        pb.environment().put("PGPASSWORD", a.password());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> errors = new ArrayList<>();
        try (var out = p.getInputStream()) {
            for (String line : new String(out.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.contains("ERROR")) {
                    errors.add(line);
                }
            }
        }
        try {
            if (p.waitFor() != 0) {
                fail("psql could not restore " + file + " (exit " + p.exitValue() + "): " + errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return errors.size();
    }

    /** psql from the PATH, else from the newest PostgreSQL installed under /usr/lib/postgresql. */
    private static String psqlBinary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "psql"))) {
                return Path.of(dir, "psql").toString();
            }
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable).map(Path::toString)
                        .max(java.util.Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no psql installed"));
            }
        }
        throw new IllegalStateException("no psql on the PATH or under /usr/lib/postgresql: the real-catalog suite restores dumps with it");
    }
}
