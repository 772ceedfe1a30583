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
 * The structure of the catalog schemas as pg_catalog describes it: the schemas, tables, columns (type,
 * nullability, default), constraints, indexes, views (output columns and body), sequences, functions (signature,
 * result, language, volatility, body), triggers, comments and grants (to others than the owner). Column order is
 * not part of the shape; Hasura does not depend on it. Definitions are read under pinned settings
 * ({@link PinnedReading}), so the shape does not depend on the session's search_path or date style.
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

        private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

        public Item {
            definition = definition == null ? "" : WHITESPACE.matcher(definition).replaceAll(" ").strip();
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

        /** The order of {@link #line()} (kind, owner, name, definition), without building it. */
        @Override
        public int compareTo(Item o) {
            int c = kind.compareTo(o.kind);
            if (c == 0) {
                c = owner.compareTo(o.owner);
            }
            if (c == 0) {
                c = name.compareTo(o.name);
            }
            return c != 0 ? c : definition.compareTo(o.definition);
        }

        /** The object without its definition: "index hdb_catalog.event_log event_log_pkey", "comment on TABLE hdb_catalog.x". */
        public String label() {
            if (kind.equals("comment") || kind.equals("grant")) {
                return kind + " on " + name;
            }
            return kind + " " + (owner.equals(name) ? name : owner + (name.isEmpty() ? "" : " " + name));
        }

        @Override
        public String toString() {
            return label() + (definition.isEmpty() ? "" : ": " + definition);
        }
    }

    public CatalogShape {
        items = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(items));
    }

    /** Reads the shape of the catalog schemas over a live connection; the session's settings stay as they were. */
    public static CatalogShape read(Connection c) throws SQLException {
        return PinnedReading.read(c, CatalogShape::readPinned);
    }

    private static CatalogShape readPinned(Connection c) throws SQLException {
        SortedSet<Item> items = new TreeSet<>();
        Array schemas = c.createArrayOf("text", SCHEMAS.toArray());
        query(c, schemas, items, """
                SELECT 'schema', n.nspname, n.nspname, '' FROM pg_namespace n WHERE n.nspname = ANY (?)""");
        query(c, schemas, items, """
                SELECT CASE k.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'matview' WHEN 'S' THEN 'sequence' ELSE 'table' END,
                       n.nspname || '.' || k.relname, n.nspname || '.' || k.relname,
                       coalesce((SELECT 'owned by ' || tn.nspname || '.' || t.relname || '.' || a.attname
                                 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                                 JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                 WHERE k.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = k.oid
                                   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '')
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
        query(c, schemas, items, COMMENTS);
        query(c, schemas, items, GRANTS);
        return new CatalogShape(items);
    }

    /**
     * Comments on the schemas and on the relations, columns, functions, constraints and triggers in them: kind
     * "comment", the owning relation (or schema), the SQL name of the commented object ("COLUMN
     * hdb_catalog.hdb_version.version"), and the text.
     */
    private static final String COMMENTS = """
            SELECT 'comment', o.owner, o.target, d.description
            FROM pg_description d
            JOIN (SELECT 'pg_class'::regclass AS classoid, k.oid, a.attnum AS subid,
                         n.nspname || '.' || coalesce(t.relname, k.relname) AS owner,
                         CASE WHEN a.attnum > 0 THEN 'COLUMN ' || quote_ident(n.nspname) || '.' || quote_ident(k.relname) || '.' || quote_ident(a.attname)
                              ELSE CASE k.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                                  WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END
                                   || ' ' || quote_ident(n.nspname) || '.' || quote_ident(k.relname) END AS target, n.nspname
                  FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                  LEFT JOIN pg_index x ON x.indexrelid = k.oid LEFT JOIN pg_class t ON t.oid = x.indrelid
                  CROSS JOIN LATERAL (SELECT 0::int2 AS attnum, NULL::name AS attname
                                      UNION ALL SELECT a.attnum, a.attname FROM pg_attribute a
                                      WHERE a.attrelid = k.oid AND a.attnum > 0 AND NOT a.attisdropped) a
                  WHERE k.relkind IN ('r', 'p', 'v', 'm', 'S', 'i')
                  UNION ALL
                  SELECT 'pg_proc'::regclass, p.oid, 0, n.nspname, 'FUNCTION ' || p.oid::regprocedure::text, n.nspname
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  UNION ALL
                  SELECT 'pg_constraint'::regclass, o.oid, 0, n.nspname || '.' || k.relname,
                         'CONSTRAINT ' || quote_ident(o.conname) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(k.relname), n.nspname
                  FROM pg_constraint o JOIN pg_class k ON k.oid = o.conrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                  UNION ALL
                  SELECT 'pg_trigger'::regclass, t.oid, 0, n.nspname || '.' || k.relname,
                         'TRIGGER ' || quote_ident(t.tgname) || ' ON ' || quote_ident(n.nspname) || '.' || quote_ident(k.relname), n.nspname
                  FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                  UNION ALL
                  SELECT 'pg_namespace'::regclass, n.oid, 0, n.nspname, 'SCHEMA ' || quote_ident(n.nspname), n.nspname
                  FROM pg_namespace n) o
              ON o.classoid = d.classoid AND o.oid = d.objoid AND o.subid = d.objsubid
            WHERE o.nspname = ANY (?)""";

    /**
     * Privileges granted to others than the owner on the schemas and on the relations and functions in them: kind
     * "grant", the relation (or schema), "TABLE hdb_catalog.event_log TO monitor", and the privileges.
     */
    private static final String GRANTS = """
            SELECT 'grant', o.owner, o.target || ' TO ' || CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)::text) END,
                   string_agg(a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END, ', ' ORDER BY a.privilege_type)
            FROM (SELECT n.nspname || '.' || k.relname AS owner, n.nspname, k.relacl AS acl, k.relowner AS objowner,
                         CASE k.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || quote_ident(n.nspname) || '.' || quote_ident(k.relname) AS target
                  FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE k.relkind IN ('r', 'p', 'v', 'm', 'S')
                  UNION ALL
                  SELECT n.nspname, n.nspname, p.proacl, p.proowner, 'FUNCTION ' || p.oid::regprocedure::text
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  UNION ALL
                  SELECT n.nspname, n.nspname, n.nspacl, n.nspowner, 'SCHEMA ' || quote_ident(n.nspname) FROM pg_namespace n) o
            CROSS JOIN LATERAL aclexplode(o.acl) a
            WHERE o.nspname = ANY (?) AND a.grantee <> o.objowner
            GROUP BY o.owner, o.target, a.grantee""";

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
