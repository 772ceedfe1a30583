-- hdb_catalog.hdb_function_info_agg, as defined from catalog 14 up to 21.
-- One row per function of hdb_function_agg, with the facts the server needs gathered in one JSON
-- object (function_info); returns_table says whether the return type is a table or view.
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
                                   EXISTS (SELECT 1
                                             FROM information_schema.tables AS t
                                            WHERE t.table_schema = fa.return_type_schema
                                              AND t.table_name = fa.return_type_name) AS returns_table
                           ) AS info)) AS function_info
  FROM hdb_catalog.hdb_function_agg AS fa
