-- hdb_catalog.hdb_computed_field_function, as defined from catalog 26 on.
-- For each computed field, the SQL function behind it. The definition's "function" is either a
-- plain name (schema public) or an object {name, schema}.
CREATE OR REPLACE VIEW hdb_catalog.hdb_computed_field_function AS
SELECT cf.table_schema,
       cf.table_name,
       cf.computed_field_name,
       coalesce(cf.definition::jsonb -> 'function' ->> 'name',
                cf.definition::jsonb ->> 'function')   AS function_name,
       coalesce(cf.definition::jsonb -> 'function' ->> 'schema',
                'public')                              AS function_schema
  FROM hdb_catalog.hdb_computed_field AS cf
