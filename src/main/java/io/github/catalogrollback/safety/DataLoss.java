package io.github.catalogrollback.safety;

import java.util.List;

/**
 * What one step destroys: a whole table, some columns of a table that stays, or the rows of a table that match
 * {@code filter} (an SQL condition on alias {@code t}; empty for all rows). {@code count} is read from the live
 * database: rows of the table, rows with at least one non-null value in the columns, or matching rows.
 * {@code reason} says why filtered rows go.
 */
public record DataLoss(String step, String table, List<String> columns, long count, String filter, String reason) {

    public DataLoss {
        columns = List.copyOf(columns);
    }

    /** A dropped table, or dropped columns. */
    public DataLoss(String step, String table, List<String> columns, long count) {
        this(step, table, columns, count, "", "");
    }

    /** Whole rows: a dropped table, or deleted rows. */
    public boolean wholeRows() {
        return columns.isEmpty();
    }

    /** "drops hdb_catalog.hdb_version.ee_client_id, ee_client_secret (1 row with values)". */
    public String describe() {
        String rows = count + (count == 1 ? " row" : " rows");
        if (!filter.isEmpty()) {
            return "deletes " + rows + " of " + table + " (" + reason + ")";
        }
        if (wholeRows()) {
            return "drops table " + table + " (" + rows + ")";
        }
        return "drops " + table + "." + String.join(", ", columns) + " (" + rows + " with values)";
    }
}
