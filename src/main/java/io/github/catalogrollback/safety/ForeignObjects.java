package io.github.catalogrollback.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects anywhere in the database that depend, directly or through other objects, on what a path destroys
 * ({@link PathEffects#roots()}), found through pg_depend: a view on a column a step drops, a foreign key into a
 * table a step drops, a default that calls a function a step drops, a table in a schema a step drops, and every
 * object that depends on those in turn. Of a column that only changes type, only what ALTER COLUMN TYPE refuses
 * to carry over counts: views and rules, triggers, policies and functions that use it (indexes, constraints and
 * defaults are rebuilt). Whether a dependent is Hasura's own is decided by the caller.
 */
public final class ForeignObjects {

    /**
     * One dependent object, named as the shape names items: {@code kind} (table, view, matview, sequence, index,
     * constraint, trigger, default, column, function, type, policy, rule, or "object"), {@code owner} (its relation,
     * or its schema), {@code name}; {@code order} the place in the path of the first step that destroys it,
     * {@code step} that step.
     */
    public record Dependent(String kind, String owner, String name, String step, int order) {

        public CatalogShape.Item item() {
            return new CatalogShape.Item(kind, owner, name, "");
        }
    }

    private ForeignObjects() {
    }

    /**
     * How to put a destroyed object back and how to drop it on its own (never CASCADE): {@code ddl} is one or more
     * SQL statements; {@code rows} a query whose rows (as JSON) keep the object's data ({@code row_key}, {@code data}
     * columns), empty when it holds none; {@code keyColumns} the columns of {@code row_key}.
     */
    public record Definition(String step, String kind, String object, String ddl, String drop, String rows, List<String> keyColumns,
                             List<String> columns, String source) {

        public Definition {
            keyColumns = List.copyOf(keyColumns);
            columns = List.copyOf(columns);
        }
    }

    /** What cannot be backed up and dropped on its own, for the refusal: "object … (why)". */
    public record Unsupported(String object, String why) {
        @Override
        public String toString() {
            return object + " (" + why + ")";
        }
    }

    /** The definitions of destroyed foreign objects, or what cannot be handled without CASCADE. */
    public record Definitions(List<Definition> definitions, List<Unsupported> unsupported) {
        public Definitions {
            definitions = List.copyOf(definitions);
            unsupported = List.copyOf(unsupported);
        }
    }


    /** Reads how to put back and drop each destroyed foreign object, as PostgreSQL prints it (pinned settings). */
    public static Definitions define(Connection c, List<DriftCheck.Finding> destroyed) throws SQLException {
        return PinnedReading.read(c, pinned -> {
            List<Definition> out = new ArrayList<>();
            List<Unsupported> unsupported = new ArrayList<>();
            for (DriftCheck.Finding finding : destroyed) {
                CatalogShape.Item item = finding.item();
                String step = finding.steps().isEmpty() ? "" : finding.steps().get(0);
                Optional<Definition> definition = define(pinned, step, item);
                if (definition.isPresent()) {
                    out.add(definition.get());
                } else {
                    unsupported.add(new Unsupported(item.toString(), "no way to back it up and drop it on its own; move or drop it by hand"));
                }
            }
            return new Definitions(out, unsupported);
        });
    }

    private static Optional<Definition> define(Connection c, String step, CatalogShape.Item item) throws SQLException {
        String kind = item.kind();
        String object = item.toString();
        String[] owner = qualified(item.owner());
        return switch (kind) {
            case "table" -> row(c, TABLE_DDL, owner).map(r -> new Definition(step, kind, object, r[0], "DROP TABLE " + r[1],
                    "SELECT NULL::jsonb, to_json(t) FROM " + r[1] + " t", List.of(), List.of(), item.owner()));
            case "view", "matview", "sequence" -> row(c, RELATION_DDL, owner)
                    .map(r -> new Definition(step, kind, object, r[0], r[1], "", List.of(), List.of(), item.owner()));
            case "index" -> row(c, """
                    SELECT pg_get_indexdef(i.oid), 'DROP INDEX ' || i.oid::regclass::text
                    FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = ? AND i.relname = ? AND i.relkind = 'i'""",
                    owner[0], item.name()).map(r -> simple(step, kind, object, r, item));
            case "trigger" -> row(c, """
                    SELECT pg_get_triggerdef(t.oid), 'DROP TRIGGER ' || quote_ident(t.tgname) || ' ON ' || k.oid::regclass::text
                    FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                    WHERE n.nspname = ? AND k.relname = ? AND t.tgname = ?""", owner[0], owner[1], item.name())
                    .map(r -> simple(step, kind, object, r, item));
            case "constraint" -> row(c, """
                    SELECT CASE WHEN o.conrelid <> 0 THEN 'ALTER TABLE ' || o.conrelid::regclass::text ELSE 'ALTER DOMAIN ' || o.contypid::regtype::text END
                           || ' ADD CONSTRAINT ' || quote_ident(o.conname) || ' ' || pg_get_constraintdef(o.oid),
                           CASE WHEN o.conrelid <> 0 THEN 'ALTER TABLE ' || o.conrelid::regclass::text ELSE 'ALTER DOMAIN ' || o.contypid::regtype::text END
                           || ' DROP CONSTRAINT ' || quote_ident(o.conname)
                    FROM pg_constraint o LEFT JOIN pg_class k ON k.oid = o.conrelid LEFT JOIN pg_type ty ON ty.oid = o.contypid
                    JOIN pg_namespace n ON n.oid = coalesce(k.relnamespace, ty.typnamespace)
                    WHERE n.nspname = ? AND coalesce(k.relname, ty.typname) = ? AND o.conname = ?""", owner[0], owner[1], item.name())
                    .map(r -> simple(step, kind, object, r, item));
            case "column" -> column(c, step, item, owner);
            case "default" -> row(c, """
                    SELECT 'ALTER TABLE ' || k.oid::regclass::text || ' ALTER COLUMN ' || quote_ident(a.attname) || ' SET DEFAULT '
                           || pg_get_expr(d.adbin, d.adrelid),
                           'ALTER TABLE ' || k.oid::regclass::text || ' ALTER COLUMN ' || quote_ident(a.attname) || ' DROP DEFAULT'
                    FROM pg_attrdef d JOIN pg_class k ON k.oid = d.adrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                    JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                    WHERE n.nspname = ? AND k.relname = ? AND a.attname = ?""", owner[0], owner[1], item.name())
                    .map(r -> simple(step, kind, object, r, item));
            case "function" -> row(c, """
                    SELECT pg_get_functiondef(p.oid), CASE p.prokind WHEN 'p' THEN 'DROP PROCEDURE ' ELSE 'DROP FUNCTION ' END || p.oid::regprocedure::text
                    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = ? AND p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' = ? AND p.prokind IN ('f', 'p')""",
                    item.owner(), item.name()).map(r -> simple(step, kind, object, r, item));
            case "type" -> row(c, TYPE_DDL, owner).map(r -> simple(step, kind, object, r, item));
            case "policy" -> row(c, """
                    SELECT 'CREATE POLICY ' || quote_ident(p.policyname) || ' ON ' || quote_ident(p.schemaname) || '.' || quote_ident(p.tablename)
                           || ' AS ' || p.permissive || ' FOR ' || p.cmd || ' TO ' || array_to_string(p.roles, ', ')
                           || coalesce(' USING (' || p.qual || ')', '') || coalesce(' WITH CHECK (' || p.with_check || ')', ''),
                           'DROP POLICY ' || quote_ident(p.policyname) || ' ON ' || quote_ident(p.schemaname) || '.' || quote_ident(p.tablename)
                    FROM pg_policies p WHERE p.schemaname = ? AND p.tablename = ? AND p.policyname = ?""", owner[0], owner[1], item.name())
                    .map(r -> simple(step, kind, object, r, item));
            case "rule" -> row(c, """
                    SELECT pg_get_ruledef(r.oid), 'DROP RULE ' || quote_ident(r.rulename) || ' ON ' || k.oid::regclass::text
                    FROM pg_rewrite r JOIN pg_class k ON k.oid = r.ev_class JOIN pg_namespace n ON n.oid = k.relnamespace
                    WHERE n.nspname = ? AND k.relname = ? AND r.rulename = ?""", owner[0], owner[1], item.name())
                    .map(r -> simple(step, kind, object, r, item));
            case "comment" -> Optional.of(new Definition(step, kind, object, "COMMENT ON " + item.name() + " IS " + literal(item.definition()),
                    "COMMENT ON " + item.name() + " IS NULL", "", List.of(), List.of(), item.owner()));
            case "grant" -> Optional.of(grant(step, item));
            default -> Optional.empty();
        };
    }

    private static Definition simple(String step, String kind, String object, String[] ddlAndDrop, CatalogShape.Item item) {
        return new Definition(step, kind, object, ddlAndDrop[0], ddlAndDrop[1], "", List.of(), List.of(), item.owner());
    }

    /** A column of a table that stays: its definition, and its values keyed by the primary key (else by the rest of the row). */
    private static Optional<Definition> column(Connection c, String step, CatalogShape.Item item, String[] owner) throws SQLException {
        Optional<String[]> r = row(c, """
                SELECT 'ALTER TABLE ' || k.oid::regclass::text || ' ADD COLUMN ' || quote_ident(a.attname) || ' '
                       || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
                       'ALTER TABLE ' || k.oid::regclass::text || ' DROP COLUMN ' || quote_ident(a.attname),
                       k.oid::regclass::text, quote_ident(a.attname),
                       coalesce((SELECT string_agg(pa.attname, ',' ORDER BY array_position(x.indkey::int2[], pa.attnum))
                                 FROM pg_index x JOIN pg_attribute pa ON pa.attrelid = x.indrelid AND pa.attnum = ANY (x.indkey)
                                 WHERE x.indrelid = k.oid AND x.indisprimary), '')
                FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE n.nspname = ? AND k.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""",
                owner[0], owner[1], item.name());
        return r.map(v -> {
            List<String> key = v[4].isEmpty() ? List.of() : List.of(v[4].split(","));
            String rowKey = key.isEmpty() ? "to_jsonb(t) - '" + item.name().replace("'", "''") + "'"
                    : "jsonb_build_object(" + String.join(", ", key.stream().map(k -> literal(k) + ", t." + DataLossReport.quote(k)).toList()) + ")";
            return new Definition(step, "column", item.toString(), v[0], v[1], "SELECT " + rowKey + ", json_build_object(" + literal(item.name())
                    + ", t." + v[3] + ") FROM " + v[2] + " t WHERE t." + v[3] + " IS NOT NULL", key, List.of(item.name()), item.owner());
        });
    }

    /** "TABLE hdb_catalog.event_log TO monitor" with "SELECT, UPDATE WITH GRANT OPTION". */
    private static Definition grant(String step, CatalogShape.Item item) {
        int to = item.name().lastIndexOf(" TO ");
        String target = item.name().substring(0, to);
        String grantee = item.name().substring(to + " TO ".length());
        List<String> grants = new ArrayList<>();
        for (String privilege : item.definition().split(", ")) {
            boolean option = privilege.endsWith(" WITH GRANT OPTION");
            grants.add("GRANT " + (option ? privilege.substring(0, privilege.length() - " WITH GRANT OPTION".length()) : privilege) + " ON " + target
                    + " TO " + grantee + (option ? " WITH GRANT OPTION" : ""));
        }
        return new Definition(step, "grant", item.toString(), String.join(";\n", grants), "REVOKE ALL ON " + target + " FROM " + grantee, "",
                List.of(), List.of(), item.owner());
    }

    /**
     * Drops the objects one by one, each on its own and never with CASCADE, in an order that works: an object that
     * another one still depends on is tried again after the others.
     */
    public static void drop(Connection c, List<Definition> definitions) throws SQLException {
        List<Definition> left = new ArrayList<>(definitions);
        while (!left.isEmpty()) {
            List<Definition> failed = new ArrayList<>();
            SQLException last = null;
            for (Definition d : left) {
                java.sql.Savepoint savepoint = c.setSavepoint();
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute(d.drop());
                    c.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    c.rollback(savepoint);
                    if (!"2BP01".equals(e.getSQLState())) {
                        throw e;
                    }
                    failed.add(d);
                    last = e;
                }
            }
            if (failed.size() == left.size()) {
                throw last;
            }
            left = failed;
        }
    }

    private static Optional<String[]> row(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String[] out = new String[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = rs.getString(i + 1);
                }
                return Optional.of(out);
            }
        }
    }

    /** "schema.name" → {schema, name}; a bare schema → {schema, ""}. */
    private static String[] qualified(String owner) {
        int dot = owner.indexOf('.');
        return dot < 0 ? new String[] {owner, ""} : new String[] {owner.substring(0, dot), owner.substring(dot + 1)};
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * A table rebuilt from the catalog: the sequences its columns own (serial), its columns (type, NOT NULL, default,
     * identity, generated), then its constraints, the indexes that no constraint owns, its triggers and comments,
     * and the sequences' ownership and position; and its name.
     */
    private static final String TABLE_DDL = """
            WITH owned AS (
              SELECT q.oid AS seq, a.attname, d.refobjid AS tab
              FROM pg_depend d JOIN pg_class q ON q.oid = d.objid AND q.relkind = 'S'
              JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
              WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a')
            SELECT coalesce((SELECT string_agg('CREATE SEQUENCE ' || o.seq::regclass::text || ' AS ' || format_type(s.seqtypid, NULL)
                                   || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax
                                   || ' START WITH ' || s.seqstart || E';\n', '')
                             FROM owned o JOIN pg_sequence s ON s.seqrelid = o.seq WHERE o.tab = k.oid), '')
                   || 'CREATE TABLE ' || k.oid::regclass::text || ' ('
                   || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                                   || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED'
                                           ELSE coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') END
                                   || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END
                                   || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END, ', ' ORDER BY a.attnum)
                                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                                WHERE a.attrelid = k.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
                   || coalesce((SELECT string_agg(E';\nALTER TABLE ' || k.oid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(o.conname) || ' '
                                   || pg_get_constraintdef(o.oid), '' ORDER BY o.contype DESC, o.conname)
                                FROM pg_constraint o WHERE o.conrelid = k.oid), '')
                   || coalesce((SELECT string_agg(E';\n' || pg_get_indexdef(x.indexrelid), '' ORDER BY x.indexrelid)
                                FROM pg_index x WHERE x.indrelid = k.oid
                                  AND NOT EXISTS (SELECT 1 FROM pg_constraint o WHERE o.conindid = x.indexrelid AND o.conrelid = k.oid)), '')
                   || coalesce((SELECT string_agg(E';\n' || pg_get_triggerdef(t.oid), '' ORDER BY t.tgname)
                                FROM pg_trigger t WHERE t.tgrelid = k.oid AND NOT t.tgisinternal), '')
                   || coalesce((SELECT string_agg(E';\nCOMMENT ON ' || CASE WHEN d.objsubid = 0 THEN 'TABLE ' || k.oid::regclass::text
                                   ELSE 'COLUMN ' || k.oid::regclass::text || '.' || quote_ident(a.attname) END || ' IS ' || quote_literal(d.description), '')
                                FROM pg_description d LEFT JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum = d.objsubid
                                WHERE d.classoid = 'pg_class'::regclass AND d.objoid = k.oid), '')
                   || coalesce((SELECT string_agg(E';\nALTER SEQUENCE ' || o.seq::regclass::text || ' OWNED BY ' || k.oid::regclass::text || '.'
                                   || quote_ident(o.attname) || coalesce(E';\nSELECT setval(' || quote_literal(o.seq::regclass::text) || ', '
                                   || q.last_value || ')', ''), '')
                                FROM owned o JOIN pg_class sc ON sc.oid = o.seq JOIN pg_namespace sn ON sn.oid = sc.relnamespace
                                LEFT JOIN pg_sequences q ON q.schemaname = sn.nspname AND q.sequencename = sc.relname
                                WHERE o.tab = k.oid), ''),
                   k.oid::regclass::text
            FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
            WHERE n.nspname = ? AND k.relname = ? AND k.relkind IN ('r', 'p')""";

    /** A view, materialized view or sequence: how to create it (with a sequence's position) and how to drop it. */
    private static final String RELATION_DDL = """
            SELECT CASE k.relkind
                     WHEN 'v' THEN 'CREATE VIEW ' || k.oid::regclass::text || ' AS ' || pg_get_viewdef(k.oid)
                     WHEN 'm' THEN 'CREATE MATERIALIZED VIEW ' || k.oid::regclass::text || ' AS ' || rtrim(pg_get_viewdef(k.oid), ';')
                     ELSE (SELECT 'CREATE SEQUENCE ' || k.oid::regclass::text || ' AS ' || format_type(s.seqtypid, NULL) || ' INCREMENT BY '
                                  || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' START WITH ' || s.seqstart
                                  || ' CACHE ' || s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END
                                  || coalesce(E';\nSELECT setval(' || quote_literal(k.oid::regclass::text) || ', ' || q.last_value || ')', '')
                           FROM pg_sequence s LEFT JOIN pg_sequences q ON q.schemaname = n.nspname AND q.sequencename = k.relname
                           WHERE s.seqrelid = k.oid)
                   END,
                   CASE k.relkind WHEN 'v' THEN 'DROP VIEW ' WHEN 'm' THEN 'DROP MATERIALIZED VIEW ' ELSE 'DROP SEQUENCE ' END || k.oid::regclass::text
            FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
            WHERE n.nspname = ? AND k.relname = ? AND k.relkind IN ('v', 'm', 'S')""";

    /** An enum, a domain or a composite type. */
    private static final String TYPE_DDL = """
            SELECT CASE t.typtype
                     WHEN 'e' THEN 'CREATE TYPE ' || t.oid::regtype::text || ' AS ENUM ('
                          || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                     WHEN 'd' THEN 'CREATE DOMAIN ' || t.oid::regtype::text || ' AS ' || format_type(t.typbasetype, t.typtypmod)
                          || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || t.typdefault, '')
                          || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(o.conname) || ' ' || pg_get_constraintdef(o.oid), '')
                                       FROM pg_constraint o WHERE o.contypid = t.oid), '')
                     WHEN 'c' THEN 'CREATE TYPE ' || t.oid::regtype::text || ' AS ('
                          || (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                              FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'
                   END,
                   CASE t.typtype WHEN 'd' THEN 'DROP DOMAIN ' ELSE 'DROP TYPE ' END || t.oid::regtype::text
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ? AND t.typname = ? AND t.typtype IN ('e', 'd', 'c')""";

    /** The objects that depend on the roots, each once, with the first step that destroys it. */
    public static List<Dependent> dependents(Connection c, List<PathEffects.Root> roots) throws SQLException {
        if (roots.isEmpty()) {
            return List.of();
        }
        return PinnedReading.read(c, pinned -> walk(pinned, roots));
    }

    private static List<Dependent> walk(Connection c, List<PathEffects.Root> roots) throws SQLException {
        List<Dependent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(WALK)) {
            ps.setArray(1, c.createArrayOf("text", roots.stream().map(r -> r.kind().name()).toArray()));
            ps.setArray(2, c.createArrayOf("text", roots.stream().map(PathEffects.Root::schema).toArray()));
            ps.setArray(3, c.createArrayOf("text", roots.stream().map(PathEffects.Root::object).toArray()));
            ps.setArray(4, c.createArrayOf("text", roots.stream().map(PathEffects.Root::sub).toArray()));
            ps.setArray(5, c.createArrayOf("integer", roots.stream().map(PathEffects.Root::order).toArray()));
            ps.setArray(6, c.createArrayOf("text", roots.stream().map(PathEffects.Root::step).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Dependent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    /**
     * Resolves the roots to pg_depend's terms (class, object, sub-object), follows normal and automatic dependencies
     * from them (a view's rewrite rule stands for the view), keeps of a column that only changes type what ALTER
     * COLUMN TYPE refuses to carry over, and names each object found.
     */
    private static final String WALK = """
            WITH RECURSIVE input AS (
              SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[]) AS i(kind, sch, obj, sub, ord, step)
            ), roots AS (
              SELECT 'pg_namespace'::regclass::oid AS classid, n.oid AS objid, 0 AS objsubid, i.ord, i.step, false AS retyped
                FROM input i JOIN pg_namespace n ON n.nspname = i.sch WHERE i.kind = 'SCHEMA'
              UNION ALL
              SELECT 'pg_class'::regclass::oid, k.oid, 0, i.ord, i.step, false
                FROM input i JOIN pg_namespace n ON n.nspname = i.sch JOIN pg_class k ON k.relnamespace = n.oid
               WHERE (i.kind = 'RELATION' AND k.relname = i.obj) OR (i.kind = 'VIEWS_IN_SCHEMA' AND k.relkind IN ('v', 'm'))
              UNION ALL
              SELECT 'pg_class'::regclass::oid, k.oid, a.attnum, i.ord, i.step, i.kind = 'RETYPED_COLUMN'
                FROM input i JOIN pg_namespace n ON n.nspname = i.sch JOIN pg_class k ON k.relnamespace = n.oid AND k.relname = i.obj
                JOIN pg_attribute a ON a.attrelid = k.oid AND a.attname = i.sub
               WHERE i.kind IN ('COLUMN', 'RETYPED_COLUMN')
              UNION ALL
              SELECT 'pg_proc'::regclass::oid, p.oid, 0, i.ord, i.step, false
                FROM input i JOIN pg_namespace n ON n.nspname = i.sch JOIN pg_proc p ON p.pronamespace = n.oid AND p.proname = i.obj
               WHERE i.kind = 'FUNCTION' AND pg_get_function_identity_arguments(p.oid) = i.sub
            ), walk(classid, objid, objsubid, ord, step, depth) AS (
              SELECT classid, objid, objsubid, ord, step, 0 FROM roots
              UNION
              SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'::regclass::oid ELSE d.classid END,
                     CASE WHEN d.classid = 'pg_rewrite'::regclass THEN rw.ev_class ELSE d.objid END,
                     CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 0 ELSE d.objsubid END,
                     w.ord, w.step, w.depth + 1
                FROM walk w
                JOIN pg_depend d ON d.refclassid = w.classid AND d.refobjid = w.objid AND (w.objsubid = 0 OR d.refobjsubid = w.objsubid)
                LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
               WHERE d.deptype IN ('n', 'a') AND w.depth < 16
                 AND NOT (d.classid = 'pg_rewrite'::regclass AND rw.ev_class = w.objid)
                 AND NOT (w.depth = 0 AND EXISTS (SELECT 1 FROM roots r WHERE r.retyped AND r.classid = w.classid AND r.objid = w.objid
                                                                         AND r.objsubid = w.objsubid)
                          AND d.classid NOT IN ('pg_rewrite'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_proc'::regclass))
            ), found AS (
              SELECT DISTINCT ON (classid, objid, objsubid) classid, objid, objsubid, ord, step
                FROM walk WHERE depth > 0 ORDER BY classid, objid, objsubid, ord
            )
            SELECT o.kind, o.owner, o.name, f.step, f.ord
              FROM found f
              CROSS JOIN LATERAL (
                SELECT CASE WHEN f.objsubid <> 0 THEN 'column'
                            WHEN k.relkind = 'i' THEN 'index'
                            WHEN k.relkind = 'v' THEN 'view' WHEN k.relkind = 'm' THEN 'matview' WHEN k.relkind = 'S' THEN 'sequence'
                            WHEN k.relkind = 'c' THEN 'type' ELSE 'table' END AS kind,
                       n.nspname || '.' || coalesce(t.relname, k.relname) AS owner,
                       CASE WHEN f.objsubid <> 0 THEN a.attname::text WHEN k.relkind = 'i' THEN k.relname::text
                            ELSE n.nspname || '.' || k.relname END AS name
                  FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                  LEFT JOIN pg_index x ON x.indexrelid = k.oid LEFT JOIN pg_class t ON t.oid = x.indrelid
                  LEFT JOIN pg_attribute a ON a.attrelid = k.oid AND a.attnum = f.objsubid
                 WHERE f.classid = 'pg_class'::regclass AND k.oid = f.objid
                UNION ALL
                SELECT 'constraint', coalesce(n.nspname || '.' || k.relname, tn.nspname || '.' || ty.typname), o.conname::text
                  FROM pg_constraint o LEFT JOIN pg_class k ON k.oid = o.conrelid LEFT JOIN pg_namespace n ON n.oid = k.relnamespace
                  LEFT JOIN pg_type ty ON ty.oid = o.contypid LEFT JOIN pg_namespace tn ON tn.oid = ty.typnamespace
                 WHERE f.classid = 'pg_constraint'::regclass AND o.oid = f.objid
                UNION ALL
                SELECT 'trigger', n.nspname || '.' || k.relname, t.tgname::text
                  FROM pg_trigger t JOIN pg_class k ON k.oid = t.tgrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                 WHERE f.classid = 'pg_trigger'::regclass AND t.oid = f.objid
                UNION ALL
                SELECT 'default', n.nspname || '.' || k.relname, a.attname::text
                  FROM pg_attrdef ad JOIN pg_class k ON k.oid = ad.adrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                  JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                 WHERE f.classid = 'pg_attrdef'::regclass AND ad.oid = f.objid
                UNION ALL
                SELECT 'function', n.nspname::text, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE f.classid = 'pg_proc'::regclass AND p.oid = f.objid
                UNION ALL
                SELECT 'type', n.nspname || '.' || ty.typname, n.nspname || '.' || ty.typname
                  FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace
                 WHERE f.classid = 'pg_type'::regclass AND ty.oid = f.objid
                UNION ALL
                SELECT 'policy', n.nspname || '.' || k.relname, pol.polname::text
                  FROM pg_policy pol JOIN pg_class k ON k.oid = pol.polrelid JOIN pg_namespace n ON n.oid = k.relnamespace
                 WHERE f.classid = 'pg_policy'::regclass AND pol.oid = f.objid
                UNION ALL
                SELECT 'rule', n.nspname || '.' || k.relname, rw.rulename::text
                  FROM pg_rewrite rw JOIN pg_class k ON k.oid = rw.ev_class JOIN pg_namespace n ON n.oid = k.relnamespace
                 WHERE f.classid = 'pg_rewrite'::regclass AND rw.oid = f.objid
                UNION ALL
                SELECT 'object', '', pg_describe_object(f.classid, f.objid, f.objsubid)
                 WHERE f.classid NOT IN ('pg_class'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass, 'pg_attrdef'::regclass,
                                         'pg_proc'::regclass, 'pg_type'::regclass, 'pg_policy'::regclass, 'pg_rewrite'::regclass)
              ) o
             ORDER BY f.ord, o.owner, o.name""";
}
