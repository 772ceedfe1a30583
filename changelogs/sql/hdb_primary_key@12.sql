-- hdb_catalog.hdb_primary_key, as defined from catalog 12 (and earlier) on.
-- Every PRIMARY KEY constraint with the JSON array of its column names. The inner query spells out
-- what information_schema.constraint_column_usage computes, minus its privilege filter, so that
-- tables the current role cannot access are listed too.
CREATE OR REPLACE VIEW hdb_catalog.hdb_primary_key AS
SELECT tc.table_schema,
       tc.table_name,
       tc.constraint_name,
       json_agg(used.column_name) AS columns
  FROM information_schema.table_constraints AS tc
  JOIN (
         -- columns that CHECK constraints depend on
         SELECT DISTINCT rel_ns.nspname AS table_schema,
                         rel.relname    AS table_name,
                         att.attname    AS column_name,
                         con.conname    AS constraint_name
           FROM pg_namespace  AS rel_ns
           JOIN pg_class      AS rel ON rel.relnamespace = rel_ns.oid
           JOIN pg_attribute  AS att ON att.attrelid = rel.oid
           JOIN pg_depend     AS dep ON dep.refclassid = 'pg_class'::regclass::oid
                                    AND dep.refobjid = rel.oid
                                    AND dep.refobjsubid = att.attnum
           JOIN pg_constraint AS con ON con.oid = dep.objid
           JOIN pg_namespace  AS con_ns ON con_ns.oid = con.connamespace
          WHERE dep.classid = 'pg_constraint'::regclass::oid
            AND con.contype = 'c'::"char"
            AND rel.relkind = ANY (ARRAY['r'::"char", 'p'::"char"])
            AND NOT att.attisdropped
         UNION ALL
         -- key columns of primary key, unique and foreign key constraints
         -- (for a foreign key: the referenced table and columns)
         SELECT rel_ns.nspname, rel.relname, att.attname, con.conname
           FROM pg_constraint AS con
           JOIN pg_namespace  AS con_ns ON con_ns.oid = con.connamespace
           JOIN pg_class      AS rel ON rel.oid = CASE con.contype WHEN 'f'::"char" THEN con.confrelid
                                                                   ELSE con.conrelid END
           JOIN pg_namespace  AS rel_ns ON rel_ns.oid = rel.relnamespace
           JOIN pg_attribute  AS att ON att.attrelid = rel.oid
                                    AND att.attnum = ANY (CASE con.contype WHEN 'f'::"char" THEN con.confkey
                                                                           ELSE con.conkey END)
          WHERE NOT att.attisdropped
            AND con.contype = ANY (ARRAY['p'::"char", 'u'::"char", 'f'::"char"])
            AND rel.relkind = ANY (ARRAY['r'::"char", 'p'::"char"])
       ) AS used
    ON used.constraint_name::text = tc.constraint_name::text
   AND used.table_schema::text    = tc.table_schema::text
   AND used.table_name::text      = tc.table_name::text
 WHERE tc.constraint_type::text = 'PRIMARY KEY'
 GROUP BY tc.table_schema, tc.table_name, tc.constraint_name
