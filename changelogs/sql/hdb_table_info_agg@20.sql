-- hdb_catalog.hdb_table_info_agg, as defined from catalog 20 up to 22.
-- As at catalog 14, but columns come from hdb_column and carry their primary key references
-- ("references") too.
CREATE OR REPLACE VIEW hdb_catalog.hdb_table_info_agg AS
SELECT tbl.table_name,
       tbl.table_schema,
       coalesce(cols.columns, '[]'::json)            AS columns,
       coalesce(pk.columns, '[]'::json)              AS primary_key_columns,
       coalesce(cons.constraints, '[]'::json)        AS constraints,
       coalesce(vw.view_info, 'null'::json)          AS view_info
  FROM information_schema.tables AS tbl
  LEFT JOIN (SELECT c.table_schema,
                    c.table_name,
                    json_agg(json_build_object('name', c.name,
                                               'type', c.type,
                                               'is_nullable', c.is_nullable::boolean,
                                               'references', c.primary_key_references)) AS columns
               FROM hdb_catalog.hdb_column AS c
              GROUP BY c.table_schema, c.table_name) AS cols
    ON cols.table_schema = tbl.table_schema AND cols.table_name = tbl.table_name
  LEFT JOIN hdb_catalog.hdb_primary_key AS pk
    ON pk.table_schema = tbl.table_schema AND pk.table_name = tbl.table_name
  LEFT JOIN (SELECT tc.table_schema,
                    tc.table_name,
                    json_agg(tc.constraint_name) AS constraints
               FROM information_schema.table_constraints AS tc
              WHERE tc.constraint_type = 'UNIQUE' OR tc.constraint_type = 'PRIMARY KEY'
              GROUP BY tc.table_schema, tc.table_name) AS cons
    ON cons.table_schema = tbl.table_schema AND cons.table_name = tbl.table_name
  LEFT JOIN (SELECT v.table_schema,
                    v.table_name,
                    json_build_object('is_updatable',  (v.is_updatable::boolean OR v.is_trigger_updatable::boolean),
                                      'is_deletable',  (v.is_updatable::boolean OR v.is_trigger_deletable::boolean),
                                      'is_insertable', (v.is_insertable_into::boolean OR v.is_trigger_insertable_into::boolean)
                                     ) AS view_info
               FROM information_schema.views AS v) AS vw
    ON vw.table_schema = tbl.table_schema AND vw.table_name = tbl.table_name
