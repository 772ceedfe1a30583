-- hdb_catalog.hdb_function_info_agg (catalog 23 .. 38): one row per function of hdb_function_agg,
-- with a JSON object describing it (description, variadic, volatility, return type, arguments,
-- number of defaulted arguments) and returns_table: whether the return type is a table or view
-- listed in information_schema.tables.
-- Catalog 22 -> 23 introduced this shape (descriptions); 25 -> 26 changed hdb_function_agg underneath
-- it with CREATE OR REPLACE, which left this view as it was. Catalog 38 -> 39 replaces it
-- (hdb_function_info_agg@39.sql); 39 -> 38 re-creates this one.
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
                                     AND t.table_name   = fa.return_type_name) AS returns_table
                  ) AS info
         )) AS function_info
    FROM hdb_catalog.hdb_function_agg AS fa;
