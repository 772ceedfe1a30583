-- hdb_catalog.hdb_unique_constraint, as defined from catalog 12 (and earlier) on.
-- Every UNIQUE constraint with the JSON array of its column names. Note the column order of the
-- view: table_name comes before table_schema.
CREATE OR REPLACE VIEW hdb_catalog.hdb_unique_constraint AS
SELECT tc.table_name,
       tc.constraint_schema AS table_schema,
       tc.constraint_name,
       json_agg(kcu.column_name) AS columns
  FROM information_schema.table_constraints AS tc
  JOIN information_schema.key_column_usage  AS kcu
    ON kcu.constraint_schema = tc.constraint_schema
   AND kcu.constraint_name   = tc.constraint_name
 WHERE tc.constraint_type = 'UNIQUE'
 GROUP BY tc.table_name, tc.constraint_schema, tc.constraint_name
