-- hdb_catalog.hdb_table_info_agg, from catalog 29 on: one row per table-like relation (table, TOAST
-- table, view, materialized view, foreign table, partitioned table) read straight from pg_catalog,
-- so that relations the current role cannot see through information_schema are included.
-- Columns: table_schema, table_name (type name) and info (jsonb), which graphql-engine decodes as
-- CatalogTableInfo: oid, columns (name, position, type - the base type for domains -, is_nullable,
-- description), primary_key (constraint name/oid and columns, or null), unique_constraints (unique
-- indexes other than the primary key), foreign_keys (from hdb_foreign_key_constraint), view_info
-- (updatable/insertable/deletable, views only) and description.
CREATE VIEW hdb_catalog.hdb_table_info_agg AS
  SELECT nsp.nspname AS table_schema,
         rel.relname AS table_name,
         jsonb_build_object(
           'oid',                rel.oid::integer,
           'columns',            coalesce(col_info.info, '[]'),
           'primary_key',        pk_info.info,
           'unique_constraints', coalesce(uniq_info.info, '[]'),
           'foreign_keys',       coalesce(fk_info.info, '[]'),
           'view_info',          CASE rel.relkind WHEN 'v' THEN jsonb_build_object(
                                   'is_updatable',  (pg_catalog.pg_relation_is_updatable(rel.oid, true) & 4) = 4,
                                   'is_insertable', (pg_catalog.pg_relation_is_updatable(rel.oid, true) & 8) = 8,
                                   'is_deletable',  (pg_catalog.pg_relation_is_updatable(rel.oid, true) & 16) = 16)
                                 END,
           'description',        rel_descr.description
         ) AS info
    FROM pg_catalog.pg_class AS rel
    JOIN pg_catalog.pg_namespace AS nsp
      ON nsp.oid = rel.relnamespace
    LEFT JOIN pg_catalog.pg_description AS rel_descr
      ON rel_descr.classoid = 'pg_catalog.pg_class'::regclass
     AND rel_descr.objoid   = rel.oid
     AND rel_descr.objsubid = 0
    -- columns; attnum <= 0 are system columns, attisdropped marks dropped ("zombie") columns
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object(
               'name',        att.attname,
               'position',    att.attnum,
               'type',        coalesce(dom_base.typname, att_type.typname),
               'is_nullable', NOT att.attnotnull,
               'description', pg_catalog.col_description(rel.oid, att.attnum))) AS info
        FROM pg_catalog.pg_attribute AS att
        LEFT JOIN pg_catalog.pg_type AS att_type
          ON att_type.oid = att.atttypid
        LEFT JOIN pg_catalog.pg_type AS dom_base
          ON att_type.typtype = 'd'
         AND dom_base.oid = att_type.typbasetype
       WHERE att.attrelid = rel.oid
         AND att.attnum > 0
         AND NOT att.attisdropped
    ) AS col_info ON true
    -- primary key
    LEFT JOIN LATERAL (
      SELECT jsonb_build_object(
               'constraint', jsonb_build_object('name', pk_idx.relname, 'oid', pk_idx.oid::integer),
               'columns',    coalesce(pk_cols.info, '[]')) AS info
        FROM pg_catalog.pg_index AS ix
        JOIN pg_catalog.pg_class AS pk_idx
          ON pk_idx.oid = ix.indexrelid
        LEFT JOIN LATERAL (
          SELECT jsonb_agg(key_att.attname) AS info
            FROM pg_catalog.pg_attribute AS key_att
           WHERE key_att.attrelid = rel.oid
             AND key_att.attnum = ANY (ix.indkey)
        ) AS pk_cols ON true
       WHERE ix.indrelid = rel.oid
         AND ix.indisprimary
    ) AS pk_info ON true
    -- unique indexes other than the primary key
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('name', uq_idx.relname, 'oid', uq_idx.oid::integer)) AS info
        FROM pg_catalog.pg_index AS ix
        JOIN pg_catalog.pg_class AS uq_idx
          ON uq_idx.oid = ix.indexrelid
       WHERE ix.indrelid = rel.oid
         AND ix.indisunique
         AND NOT ix.indisprimary
    ) AS uniq_info ON true
    -- foreign keys
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object(
               'constraint',      jsonb_build_object('name', fk.constraint_name,
                                                     'oid',  fk.constraint_oid::integer),
               'columns',         fk.columns,
               'foreign_table',   jsonb_build_object('schema', fk.ref_table_table_schema,
                                                     'name',   fk.ref_table),
               'foreign_columns', fk.ref_columns)) AS info
        FROM hdb_catalog.hdb_foreign_key_constraint AS fk
       WHERE fk.table_schema = nsp.nspname
         AND fk.table_name   = rel.relname
    ) AS fk_info ON true
   WHERE rel.relkind IN ('r', 't', 'v', 'm', 'f', 'p');
