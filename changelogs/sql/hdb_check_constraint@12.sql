-- hdb_catalog.hdb_check_constraint, as defined from catalog 12 (and earlier) on.
-- Every CHECK constraint in the database with its definition as pg_get_constraintdef prints it.
CREATE OR REPLACE VIEW hdb_catalog.hdb_check_constraint AS
SELECT ns.nspname::text  AS table_schema,
       rel.relname::text AS table_name,
       con.conname::text AS constraint_name,
       pg_catalog.pg_get_constraintdef(con.oid, true) AS "check"
  FROM pg_catalog.pg_constraint AS con
  JOIN pg_catalog.pg_class      AS rel ON rel.oid = con.conrelid
  JOIN pg_catalog.pg_namespace  AS ns  ON ns.oid = rel.relnamespace
 WHERE con.contype = 'c'
