package io.github.catalogrollback.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import liquibase.util.LiquibaseUtil;

/**
 * What this build is: its version and git commit (written at build time into {@value #RESOURCE} by
 * {@code scripts/lib/build-info}), the Liquibase it runs and the Java it runs on.
 *
 * @param version the project version, e.g. 0.2.0, or "(development build)" outside a Maven build
 * @param commit  the git commit the jar was built from, with "-dirty" for uncommitted changes, or "unknown"
 * @param java    the Java runtime: version, vendor and home (the bundled runtime of the Debian package shows there)
 */
public record BuildInfo(String version, String commit, String liquibase, String java) {

    static final String RESOURCE = "catalog-rollback/build.properties";

    /** The build at hand. */
    public static BuildInfo current() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
        return new BuildInfo(build.getProperty("version", "(development build)"), build.getProperty("commit", "unknown"),
                LiquibaseUtil.getBuildVersion(), java);
    }
}
