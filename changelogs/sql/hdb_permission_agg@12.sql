-- hdb_catalog.hdb_permission_agg: one row per (table, role), holding every permission that role has
-- on the table as one JSON object keyed by permission type (insert/select/update/delete).
-- The definition predates catalog 12 and never changed; catalog 28 -> 29 (and back) only drops and
-- re-creates it around the retyping of hdb_permission's key columns (text <-> name).
CREATE VIEW hdb_catalog.hdb_permission_agg AS
  SELECT perm.table_schema,
         perm.table_name,
         perm.role_name,
         json_object_agg(perm.perm_type, perm.perm_def) AS permissions
    FROM hdb_catalog.hdb_permission AS perm
   GROUP BY perm.table_schema, perm.table_name, perm.role_name;
