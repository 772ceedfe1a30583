package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.ChildRun;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.SourceCatalogs;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run killed (SIGKILL of its JVM) after the other source databases committed and before the metadata transaction
 * commits. The test holds a SHARE lock on hdb_catalog.hdb_version, which the run's reads pass and its first metadata
 * step (48 → 47 alters hdb_version) waits for: the run stops exactly between the two, with no hook in the product.
 * What is left must be a state a server starts with: the original one (metadata catalog 48, which starts with any
 * source catalog up to 3 and upgrades lower ones itself), each source catalog with the shape of its version; and the
 * same command, run again, finishes the job.
 */
class SourceFaultTest {

    /** The source catalog of a database has the shape its version row says, as `status` sees it. */
    private static void assertShapeOfItsVersion(TestDatabase db, String what) {
        CliRun status = CliRun.on(db, "status");
        assertEquals(0, status.exitCode(), status.printed());
        assertFalse(status.out().contains("its shape differs"), what + ": the shape matches the version\n" + status.printed());
    }

    @Test
    void killedBetweenTheSourceTransactionsAndTheMetadataTransactionLeavesAStateTheServerStartsWith() throws Exception {
        try (TestDatabase metadata = TestDatabase.fresh(); TestDatabase warehouse = TestDatabase.fresh()) {
            SourceCatalogs.v1BornAt48(metadata);
            SourceCatalogs.sourceOnly(warehouse, 3);
            SourceCatalogs.listSource(metadata, "warehouse", SourceCatalogs.envName("warehouse"), 1);
            Fingerprint metadataBefore = Fingerprint.of(metadata);
            String warehouseRows = SourceCatalogs.eventRows(warehouse);

            try (Connection hold = metadata.connect()) {
                hold.setAutoCommit(false);
                try (Statement st = hold.createStatement()) {
                    st.execute("LOCK TABLE hdb_catalog.hdb_version IN SHARE MODE");
                }
                try (ChildRun child = ChildRun.start(metadata, "--to-release", "v2.11.3", "--force", "--lock-timeout", "600",
                        "--source", "warehouse=" + warehouse.url())) {
                    child.awaitBlockedOnLock(metadata);
                    assertEquals("2", SourceCatalogs.version(warehouse), "the source database committed before the metadata transaction");
                    child.kill();
                }
                // The killed run's backend waits for the lock and only notices its client is gone once it can go on.
                hold.rollback();
                ChildRun.awaitNoBackend(metadata);
            }

            assertEquals(metadataBefore, Fingerprint.of(metadata), "the metadata database, its own source catalog included, is as it was");
            assertEquals("48", Catalogs.version(metadata));
            assertEquals("3", SourceCatalogs.version(metadata));
            assertEquals("2", SourceCatalogs.version(warehouse));
            for (TestDatabase db : List.of(metadata, warehouse)) {
                assertTrue(Integer.parseInt(SourceCatalogs.version(db)) <= 3, "the original server (catalog 48, source catalog 3) starts with it");
                assertShapeOfItsVersion(db, db.name());
            }
            assertEquals(warehouseRows.replace("\nlog orphan-1 deleted-by-cleanup 200", ""), SourceCatalogs.eventRows(warehouse));
            assertEquals("2", warehouse.queryText("SELECT count(*) FROM hdb_catalog_rollback.source_databasechangelog WHERE tag IS NOT NULL"),
                    "its history records what it is");

            CliRun again = CliRun.on(metadata, "--to-release", "v2.11.3", "--source", "warehouse=" + warehouse.url());
            assertEquals(0, again.exitCode(), "the same command finishes the job\n" + again.printed());
            assertEquals("47", Catalogs.version(metadata));
            assertEquals("2", SourceCatalogs.version(metadata));
            assertTrue(again.out().contains("warehouse: database " + warehouse.name()) && again.out().contains("source catalog 2, 1 event trigger → stays 2"),
                    again.printed());
        }
    }
}
