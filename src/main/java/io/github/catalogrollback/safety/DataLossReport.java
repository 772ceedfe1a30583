package io.github.catalogrollback.safety;

import io.github.catalogrollback.catalog.Path;
import io.github.catalogrollback.catalog.Step;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a path destroys, with numbers from the live database. Worked out from the shapes: a down step N → N-1
 * drops the hdb_catalog tables and columns that catalog N has and catalog N-1 does not. Only tables that exist at
 * the start of the path count (a v1-born catalog's extras are never dropped by v2 steps).
 */
public final class DataLossReport {

    private DataLossReport() {
    }

    public static List<DataLoss> of(Connection c, Path path) throws SQLException {
        List<DataLoss> losses = new ArrayList<>();
        Set<String> live = liveTables(c);
        for (Step step : path.steps()) {
            if (!step.isDown()) {
                continue;
            }
            CatalogShape before = ExpectedShapes.require(step.from());
            CatalogShape after = ExpectedShapes.require(step.to());
            Set<String> tablesAfter = names(after, "table");
            for (String table : names(before, "table")) {
                if (!table.startsWith("hdb_catalog.") || !live.contains(table)) {
                    continue;
                }
                if (!tablesAfter.contains(table)) {
                    losses.add(new DataLoss(step.toString(), table, List.of(), count(c, table, "true")));
                    continue;
                }
                List<String> dropped = new ArrayList<>(columns(before, table));
                dropped.removeAll(columns(after, table));
                if (!dropped.isEmpty()) {
                    String anyValue = String.join(" OR ", dropped.stream().map(col -> quote(col) + " IS NOT NULL").toList());
                    losses.add(new DataLoss(step.toString(), table, dropped, count(c, table, anyValue)));
                }
            }
        }
        return losses;
    }

    private static Set<String> names(CatalogShape shape, String kind) {
        Set<String> out = new TreeSet<>();
        shape.items().stream().filter(i -> i.kind().equals(kind)).forEach(i -> out.add(i.owner()));
        return out;
    }

    private static List<String> columns(CatalogShape shape, String table) {
        Map<String, String> cols = new LinkedHashMap<>();
        shape.items().stream().filter(i -> i.kind().equals("column") && i.owner().equals(table)).forEach(i -> cols.put(i.name(), i.definition()));
        return new ArrayList<>(cols.keySet());
    }

    private static Set<String> liveTables(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'hdb_catalog'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Rows of a table (row alias {@code t}) that match an SQL condition. */
    public static long count(Connection c, String table, String condition) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " t WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
