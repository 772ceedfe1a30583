package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.ChangelogIndex;
import io.github.catalogrollback.catalog.Release;
import io.github.catalogrollback.catalog.ReleaseMap;
import io.github.catalogrollback.runner.BuildInfo;
import java.util.List;
import picocli.CommandLine;

/** --version: the build's version and commit, the catalog range it handles, and the Liquibase and Java it runs. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        ChangelogIndex index = ChangelogIndex.load();
        ReleaseMap releases = ReleaseMap.load();
        List<Release> oldest = releases.releasesOf(index.lowest());
        List<Release> newest = releases.releasesOf(index.highest());
        String span = oldest.isEmpty() || newest.isEmpty() ? ""
                : " (Hasura " + oldest.get(0).tag() + " … " + newest.get(newest.size() - 1).tag() + ")";
        return new String[] {
            "catalog-rollback " + build.version() + " (commit " + build.commit() + ")",
            "catalog versions " + index.range() + span,
            "Liquibase " + build.liquibase(),
            "Java " + build.java()};
    }
}
