package io.github.catalogrollback.safety;

import java.util.List;

/**
 * What one step destroys: a whole table, or some columns of a table that stays. {@code count} is read from the
 * live database: rows of the table, or rows with at least one non-null value in the columns.
 */
public record DataLoss(String step, String table, List<String> columns, long count) {

    public DataLoss {
        columns = List.copyOf(columns);
    }

    public boolean wholeTable() {
        return columns.isEmpty();
    }

    /** "drops hdb_catalog.hdb_version.ee_client_id, ee_client_secret (1 row with values)". */
    public String describe() {
        if (wholeTable()) {
            return "drops table " + table + " (" + count + (count == 1 ? " row)" : " rows)");
        }
        return "drops " + table + "." + String.join(", ", columns) + " (" + count + (count == 1 ? " row" : " rows") + " with values)";
    }
}
