-- hdb_catalog.hdb_function_info_agg, as defined at catalog 22.
-- As at catalog 14, with default_args added to function_info (after input_arg_names).
CREATE OR REPLACE VIEW hdb_catalog.hdb_function_info_agg AS
SELECT fa.function_name,
       fa.function_schema,
       row_to_json((SELECT info
                      FROM (SELECT fa.has_variadic,
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
                                              AND t.table_name = fa.return_type_name) AS returns_table
                           ) AS info)) AS function_info
  FROM hdb_catalog.hdb_function_agg AS fa
