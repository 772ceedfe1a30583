-- hdb_catalog.hdb_column, as defined from catalog 23 up to 24.
-- As at catalog 20, plus each column's comment (description). The table is found in pg_class by
-- name through outer joins, as the release did (catalog 25 fixes the schema match).
CREATE OR REPLACE VIEW hdb_catalog.hdb_column AS
WITH primary_key_references AS (
       SELECT fk.table_schema        AS src_table_schema,
              fk.table_name          AS src_table_name,
              fk.columns ->> 0       AS src_column_name,
              json_agg(json_build_object('schema', fk.ref_table_table_schema,
                                         'name',   fk.ref_table)) AS ref_tables
         FROM hdb_catalog.hdb_foreign_key_constraint AS fk
         JOIN hdb_catalog.hdb_primary_key            AS pk
           ON pk.table_schema = fk.ref_table_table_schema
          AND pk.table_name = fk.ref_table
          AND pk.columns::jsonb = fk.ref_columns::jsonb
        WHERE json_array_length(fk.columns) = 1
        GROUP BY fk.table_schema, fk.table_name, fk.columns ->> 0)
SELECT col.table_schema,
       col.table_name,
       col.column_name AS name,
       col.udt_name    AS type,
       col.is_nullable,
       col.ordinal_position,
       coalesce(refs.ref_tables, '[]'::json) AS primary_key_references,
       col_description(rel.oid, col.ordinal_position) AS description
  FROM information_schema.columns AS col
  LEFT JOIN primary_key_references AS refs
    ON refs.src_table_schema = col.table_schema
   AND refs.src_table_name = col.table_name
   AND refs.src_column_name = col.column_name
  LEFT JOIN pg_class     AS rel    ON rel.relname = col.table_name
  LEFT JOIN pg_namespace AS rel_ns ON rel_ns.oid = rel.relnamespace
                                  AND rel_ns.nspname = col.table_schema
