-- hdb_catalog.hdb_function_info_agg, from catalog 39 on.
-- Same as the catalog-23 definition, except that returns_table is also true when the function
-- returns the row type of a materialized view (pg_matviews), which information_schema.tables
-- does not list.
CREATE VIEW hdb_catalog.hdb_function_info_agg AS
  SELECT fa.function_name,
         fa.function_schema,
         row_to_json((
           SELECT info
             FROM (SELECT fa.description,
                          fa.has_variadic,
                          fa.function_type,
                          fa.return_type_schema,
                          fa.return_type_name,
                          fa.return_type_type,
                          fa.returns_set,
                          fa.input_arg_types,
                          fa.input_arg_names,
                          fa.default_args,
                          EXISTS (SELECT 1
                                    FROM information_schema.tables AS t
                                   WHERE t.table_schema = fa.return_type_schema
                                     AND t.table_name   = fa.return_type_name)
                          OR EXISTS (SELECT 1
                                       FROM pg_matviews AS mv
                                      WHERE mv.schemaname  = fa.return_type_schema
                                        AND mv.matviewname = fa.return_type_name) AS returns_table
                  ) AS info
         )) AS function_info
    FROM hdb_catalog.hdb_function_agg AS fa;
