-- hdb_catalog.hdb_function_agg, as defined from catalog 23 up to 25.
-- As at catalog 22, plus the function's comment (description) as the third column. The comment is
-- looked up in pg_description by object id only, as the release did.
CREATE OR REPLACE VIEW hdb_catalog.hdb_function_agg AS
SELECT p.proname::text  AS function_name,
       fn_ns.nspname::text AS function_schema,
       fn_doc.description,
       (p.provariadic <> 0::oid) AS has_variadic,
       CASE p.provolatile
         WHEN 'i' THEN 'IMMUTABLE'::text
         WHEN 's' THEN 'STABLE'::text
         WHEN 'v' THEN 'VOLATILE'::text
       END AS function_type,
       pg_get_functiondef(p.oid) AS function_definition,
       ret_ns.nspname::text AS return_type_schema,
       ret.typname::text    AS return_type_name,
       CASE ret.typtype
         WHEN 'b' THEN 'BASE'::text
         WHEN 'c' THEN 'COMPOSITE'::text
         WHEN 'd' THEN 'DOMAIN'::text
         WHEN 'e' THEN 'ENUM'::text
         WHEN 'r' THEN 'RANGE'::text
         WHEN 'p' THEN 'PSEUDO'::text
       END AS return_type_type,
       p.proretset AS returns_set,
       (SELECT coalesce(json_agg(arg_type.typname ORDER BY arg.position), '[]'::json)
          FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY AS arg(type_oid, position)
          LEFT JOIN pg_type AS arg_type ON arg_type.oid = arg.type_oid) AS input_arg_types,
       to_json(coalesce(p.proargnames, ARRAY[]::text[])) AS input_arg_names,
       p.pronargdefaults AS default_args
  FROM pg_proc      AS p
  JOIN pg_namespace AS fn_ns  ON fn_ns.oid = p.pronamespace
  JOIN pg_type      AS ret    ON ret.oid = p.prorettype
  JOIN pg_namespace AS ret_ns ON ret_ns.oid = ret.typnamespace
  LEFT JOIN pg_description AS fn_doc ON fn_doc.objoid = p.oid
 WHERE fn_ns.nspname::text NOT LIKE 'pg\_%'
   AND fn_ns.nspname::text NOT IN ('information_schema', 'hdb_catalog', 'hdb_views')
   AND NOT EXISTS (SELECT 1 FROM pg_aggregate AS agg WHERE agg.aggfnoid::oid = p.oid)
