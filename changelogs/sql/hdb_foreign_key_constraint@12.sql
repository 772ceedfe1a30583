-- hdb_catalog.hdb_foreign_key_constraint, as defined from catalog 12 (and earlier) up to 19.
-- One row per foreign key: its table, the referenced table, the column mapping as a JSON object
-- (column -> referenced column) and the ON UPDATE / ON DELETE action codes of pg_constraint.
CREATE OR REPLACE VIEW hdb_catalog.hdb_foreign_key_constraint AS
SELECT fk.table_schema::text          AS table_schema,
       fk.table_name::text            AS table_name,
       fk.constraint_name::text       AS constraint_name,
       min(fk.constraint_oid)::integer AS constraint_oid,
       min(fk.ref_schema)::text       AS ref_table_table_schema,
       min(fk.ref_table)::text        AS ref_table,
       json_object_agg(src_col.attname, ref_col.attname) AS column_mapping,
       min(fk.update_action)::text    AS on_update,
       min(fk.delete_action)::text    AS on_delete
  FROM (SELECT src_ns.nspname  AS table_schema,
               src.relname     AS table_name,
               con.conrelid    AS table_oid,
               con.conname     AS constraint_name,
               con.oid         AS constraint_oid,
               ref_ns.nspname  AS ref_schema,
               ref.relname     AS ref_table,
               con.confrelid   AS ref_table_oid,
               con.confupdtype AS update_action,
               con.confdeltype AS delete_action,
               unnest(con.conkey)  AS col_num,
               unnest(con.confkey) AS ref_col_num
          FROM pg_catalog.pg_constraint AS con
          JOIN pg_catalog.pg_class      AS src    ON src.oid = con.conrelid
          JOIN pg_catalog.pg_namespace  AS src_ns ON src_ns.oid = src.relnamespace
          JOIN pg_catalog.pg_class      AS ref    ON ref.oid = con.confrelid
          JOIN pg_catalog.pg_namespace  AS ref_ns ON ref_ns.oid = ref.relnamespace
         WHERE con.contype = 'f') AS fk
  JOIN pg_catalog.pg_attribute AS src_col
    ON src_col.attrelid = fk.table_oid AND src_col.attnum = fk.col_num
  JOIN pg_catalog.pg_attribute AS ref_col
    ON ref_col.attrelid = fk.ref_table_oid AND ref_col.attnum = fk.ref_col_num
 GROUP BY fk.table_schema, fk.table_name, fk.constraint_name
