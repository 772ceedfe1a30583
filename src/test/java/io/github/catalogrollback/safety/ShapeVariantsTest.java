package io.github.catalogrollback.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.catalogrollback.catalog.CatalogVersion;
import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.CliRun;
import io.github.catalogrollback.support.Fingerprint;
import io.github.catalogrollback.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data behind the genuine variants holds what this tool's own steps leave, and the shape is read the same
 * whatever the session is set to, leaving the session as it was.
 */
class ShapeVariantsTest {

    @Test
    void theSourceCatalogThatStep42To43LeavesIsListedItemByItem() {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 42);
            assertEquals(0, CliRun.on(db, "upgrade", "--to-version", "43").exitCode());
            CatalogShape live = Fingerprint.shape(db);
            List<CatalogShape.Item> source = live.items().stream().filter(i -> !i.isBody()
                    && (ShapeVariants.SOURCE_TABLES.contains(i.owner()) || i.name().startsWith("insert_event_log("))).toList();
            assertTrue(source.size() > 20, "a v1-born catalog at 43 keeps event_log and friends: " + source);
            List<CatalogShape.Item> unlisted = source.stream().filter(i -> !ShapeVariants.sourceCatalog().items().contains(i)).toList();
            assertEquals(List.of(), unlisted, "items of the source catalog that shapes/source-catalog.shape does not list");
        }
    }

    @Test
    void readingTheShapeLeavesTheSessionAsItWasInAndOutOfATransaction() throws SQLException {
        try (TestDatabase db = TestDatabase.fresh()) {
            Catalogs.init(db, 48);
            CatalogShape plain = Fingerprint.shape(db);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SET search_path = hdb_catalog, public");
                st.execute("SET DateStyle = 'ISO, DMY'");
                assertEquals(plain, CatalogShape.read(c),
                        "the same shape under another search_path and DateStyle (the JDBC driver allows only ISO ones)");
                assertEquals("hdb_catalog, public", show(st, "search_path"), "autocommit: the session's search_path is kept");
                c.setAutoCommit(false);
                st.execute("SET LOCAL search_path = public");
                assertEquals(plain, CatalogShape.read(c));
                assertEquals("public", show(st, "search_path"), "in a transaction: the transaction's search_path is kept");
                assertEquals("ISO, DMY", show(st, "DateStyle"));
                c.rollback();
                assertEquals("hdb_catalog, public", show(st, "search_path"));
            }
        }
    }

    @Test
    void everyVariantNamesWhereItComesFrom() {
        for (ShapeVariants.Variant v : ShapeVariants.VARIANTS) {
            assertTrue(v.description().length() > 20, "a variant says what it is: " + v);
            assertTrue(v.from() <= v.to(), v.toString());
        }
        assertTrue(ShapeVariants.VARIANTS.stream().anyMatch(v -> v.appliesAt(CatalogVersion.of(40))
                && v.form() == ShapeVariants.Form.ALTERNATIVE));
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
