package io.github.catalogrollback.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The structure of the catalog schemas as pg_catalog describes it: tables, columns (type, nullability,
 * default), constraints, indexes, views (output columns and body), sequences, functions (signature, result,
 * language, volatility, body) and triggers. Column order is not part of the shape; Hasura does not depend on it.
 */
public record CatalogShape(SortedSet<Item> items) {

    /** The schemas a Hasura catalog uses: hdb_catalog, and hdb_views in v1 catalogs. */
    public static final List<String> SCHEMAS = List.of("hdb_catalog", "hdb_views");

    /**
     * One fact about the catalog. {@code owner} is the table, view or schema it belongs to; {@code name} is its
     * own name (which for constraints, indexes and triggers is secondary: genuine catalogs differ in such names).
     */
    public record Item(String kind, String owner, String name, String definition) implements Comparable<Item> {

        /** Kinds whose name is not part of their identity when shapes are compared by definition. */
        private static final List<String> NAME_SECONDARY = List.of("constraint", "index", "trigger");
        /** Kinds that describe body text: compared only when shapes must be identical. */
        private static final List<String> BODY = List.of("view-body", "function-body");

        public Item {
            definition = definition == null ? "" : definition.replaceAll("\\s+", " ").strip();
        }

        /** The key when shapes are compared by definition: no names of constraints, indexes or triggers. */
        public String definitionKey() {
            return NAME_SECONDARY.contains(kind) ? kind + " " + owner + ": " + definition : kind + " " + owner + " " + name + ": " + definition;
        }

        public boolean isBody() {
            return BODY.contains(kind);
        }

        String line() {
            return kind + "\t" + owner + "\t" + name + "\t" + definition;
        }

        static Item parse(String line) {
            String[] f = line.split("\t", 4);
            if (f.length != 4) {
                throw new IllegalArgumentException("not a shape line: " + line);
            }
            return new Item(f[0], f[1], f[2], f[3]);
        }

        @Override
        public int compareTo(Item o) {
            return line().compareTo(o.line());
        }

        @Override
        public String toString() {
            return kind + " " + (owner.equals(name) ? name : owner + (name.isEmpty() ? "" : " " + name))
                    + (definition.isEmpty() ? "" : ": " + definition);
        }
    }

    public CatalogShape {
        items = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(items));
    }

    /** Reads the shape of the catalog schemas over a live connection. */
    public static CatalogShape read(Connection c) throws SQLException {
        SortedSet<Item> items = new TreeSet<>();
        Array schemas = c.createArrayOf("text", SCHEMAS.toArray());
        query(c, schemas, items, """
                SELECT CASE k.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'matview' WHEN 'S' THEN 'sequence' ELSE 'table' END,
                       n.nspname || '.' || k.relname, n.nspname || '.' || k.relname, ''
                FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ANY (?) AND k.relkind IN ('r', 'p', 'v', 'm', 'S')""");
        query(c, schemas, items, """
                SELECT 'column', n.nspname || '.' || k.relname, a.attname,
                       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = ANY (?) AND k.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped""");
        query(c, schemas, items, """
                SELECT 'constraint', n.nspname || '.' || k.relname, o.conname, pg_get_constraintdef(o.oid)
                FROM pg_constraint o JOIN pg_class k ON k.oid = o.conrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ANY (?)""");
        query(c, schemas, items, """
                SELECT 'index', n.nspname || '.' || k.relname, i.relname,
                       replace(pg_get_indexdef(i.oid), ' INDEX ' || quote_ident(i.relname) || ' ON ', ' INDEX ON ')
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class k ON k.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ANY (?)""");
        query(c, schemas, items, """
                SELECT 'view-body', n.nspname || '.' || k.relname, n.nspname || '.' || k.relname, md5(pg_get_viewdef(k.oid))
                FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ANY (?) AND k.relkind IN ('v', 'm')""");
        query(c, schemas, items, """
                SELECT 'function', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                       'returns ' || pg_get_function_result(p.oid) || ' language ' || l.lanname
                       || ' ' || CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
                WHERE n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')""");
        query(c, schemas, items, """
                SELECT 'function-body', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', md5(p.prosrc)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')""");
        query(c, schemas, items, """
                SELECT 'trigger', n.nspname || '.' || k.relname, t.tgname,
                       replace(pg_get_triggerdef(t.oid), ' TRIGGER ' || quote_ident(t.tgname) || ' ', ' TRIGGER ')
                FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = ANY (?) AND NOT t.tgisinternal""");
        return new CatalogShape(items);
    }

    private static void query(Connection c, Array schemas, SortedSet<Item> into, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
    }

    /** The shape as text, one item a line, sorted: the format of the shipped {@code shapes/catalog-N.shape} files. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (Item item : items) {
            out.append(item.line()).append('\n');
        }
        return out.toString();
    }

    public static CatalogShape parse(InputStream in) {
        SortedSet<Item> items = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    items.add(Item.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CatalogShape(items);
    }

    /** Items present here and absent from {@code other}, compared exactly (names and bodies included). */
    public List<Item> minus(CatalogShape other) {
        List<Item> out = new ArrayList<>(items);
        out.removeAll(other.items);
        return out;
    }
}
