-- Step 42 -> 43, part 1: the v1 metadata held in the catalog tables becomes one metadata document
-- (format version 3) in the new table hdb_catalog.hdb_metadata, row id 1, as graphql-engine's
-- from42To43 does before it drops the v1 tables (part 2).
--
-- What is read: only user metadata (is_system_defined is not true where the table has that flag):
--   hdb_table (is_enum, configuration), hdb_relationship (object/array), hdb_permission
--   (insert/select/update/delete), event_triggers (configuration), hdb_computed_field,
--   hdb_remote_relationship, hdb_function (configuration), remote_schemas, hdb_query_collection,
--   hdb_allowlist, hdb_custom_types, hdb_action + hdb_action_permission, and the cron triggers of
--   hdb_cron_triggers that are part of the metadata (include_in_metadata).
--   Relationships, permissions, computed fields, remote relationships and event triggers of a table
--   that is not tracked (no user row in hdb_table) are left out, as graphql-engine does.
--
-- Layout written (what graphql-engine v2 reads; keys in the order its serializer writes them):
--   { "version": 3,
--     "sources": [ { "name": "default", "kind": "postgres",
--                    "tables": [ { "table": {"schema", "name"}, "is_enum"?, "configuration"?,
--                                  "object_relationships"?, "array_relationships"?, "computed_fields"?,
--                                  "remote_relationships"?, "insert_permissions"?, "select_permissions"?,
--                                  "update_permissions"?, "delete_permissions"?, "event_triggers"? } ],
--                    "functions"?: [ { "function": {"schema", "name"}, "configuration"? } ],
--                    "configuration": { "connection_info": { ... } } } ],
--     "remote_schemas"?, "query_collections"?, "allowlist"?, "actions"?, "custom_types"?, "cron_triggers"? }
--   A key marked ? is left out when it would be empty or false, as graphql-engine leaves it out.
--   Lists are sorted by name (tables and functions by schema, then name; byte order), as
--   graphql-engine sorts them.
--   Values that v1 stored as JSON (relationship "using", permission definitions, event trigger
--   configurations, computed field and remote relationship definitions, remote schema, collection,
--   action and custom type definitions, cron trigger webhook/payload/retry/headers) are carried over
--   as they are: v1 wrote them with its own serializer and v2 reads that form. A configuration or
--   definition is left out only when v1 held the empty default '{}', so that 43 -> 42 can give
--   every row back exactly.
--   Remote relationships keep the legacy form {"name", "definition": {"remote_schema",
--   "hasura_fields", "remote_field"}}, which is how v2 itself writes relationships it took over
--   from v1.
--
-- Connection of the source "default": graphql-engine fills it from --database-url /
-- HASURA_GRAPHQL_DATABASE_URL. A catalog has no URL to offer, so this step writes what
-- graphql-engine writes when the URL comes from that environment variable (the usual v1 setup),
-- with its default pool settings, isolation level and prepared statements:
--   {"database_url": {"from_env": "HASURA_GRAPHQL_DATABASE_URL"},
--    "pool_settings": {"max_connections": 50, "idle_timeout": 180, "retries": 1,
--                      "connection_lifetime": 600},
--    "use_prepared_statements": true, "isolation_level": "read-committed"}
-- No password lands in the metadata; the v2 server must have HASURA_GRAPHQL_DATABASE_URL set (a v1
-- server needed it too). Servers that do not know a key (e.g. connection_lifetime before v2.0)
-- ignore it.

CREATE TABLE hdb_catalog.hdb_metadata (
  id       integer CONSTRAINT hdb_metadata_pkey PRIMARY KEY,
  metadata json NOT NULL
);

-- A JSON object from alternating key / value arguments, leaving out pairs whose value is SQL NULL.
-- The values' JSON text is kept as it is (no jsonb normalisation). Temporary: gone at session end,
-- and dropped at the end of this script.
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_object(VARIADIC kv json[]) RETURNS json
  LANGUAGE sql IMMUTABLE
  AS $object$
    SELECT ('{' || coalesce(string_agg(kv[i]::text || ':' || kv[i + 1]::text, ',' ORDER BY i), '') || '}')::json
      FROM generate_subscripts(kv, 1) AS i
     WHERE i % 2 = 1
       AND kv[i + 1] IS NOT NULL
  $object$;

INSERT INTO hdb_catalog.hdb_metadata (id, metadata)
SELECT 1, pg_temp.catalog_rollback_object(
  '"version"', '3',
  '"sources"', json_build_array(pg_temp.catalog_rollback_object(
    '"name"', '"default"',
    '"kind"', '"postgres"',
    '"tables"', coalesce((
      SELECT json_agg(pg_temp.catalog_rollback_object(
               '"table"', json_build_object('schema', t.table_schema, 'name', t.table_name),
               '"is_enum"', CASE WHEN t.is_enum THEN 'true'::json END,
               '"configuration"', CASE WHEN t.configuration IS NOT NULL AND t.configuration <> '{}'::jsonb
                                       THEN t.configuration::json END,
               '"object_relationships"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"name"', to_json(r.rel_name), '"using"', r.rel_def::json, '"comment"', to_json(r.comment))
                        ORDER BY r.rel_name COLLATE "C")
                   FROM hdb_catalog.hdb_relationship AS r
                  WHERE (r.table_schema, r.table_name) = (t.table_schema, t.table_name)
                    AND r.rel_type = 'object' AND r.is_system_defined IS NOT TRUE),
               '"array_relationships"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"name"', to_json(r.rel_name), '"using"', r.rel_def::json, '"comment"', to_json(r.comment))
                        ORDER BY r.rel_name COLLATE "C")
                   FROM hdb_catalog.hdb_relationship AS r
                  WHERE (r.table_schema, r.table_name) = (t.table_schema, t.table_name)
                    AND r.rel_type = 'array' AND r.is_system_defined IS NOT TRUE),
               '"computed_fields"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"name"', to_json(cf.computed_field_name), '"definition"', cf.definition::json,
                          '"comment"', to_json(cf.comment))
                        ORDER BY cf.computed_field_name COLLATE "C")
                   FROM hdb_catalog.hdb_computed_field AS cf
                  WHERE (cf.table_schema, cf.table_name) = (t.table_schema::text, t.table_name::text)),
               '"remote_relationships"', (
                 SELECT json_agg(json_build_object('name', rr.remote_relationship_name, 'definition', rr.definition::json)
                        ORDER BY rr.remote_relationship_name COLLATE "C")
                   FROM hdb_catalog.hdb_remote_relationship AS rr
                  WHERE (rr.table_schema, rr.table_name) = (t.table_schema, t.table_name)),
               '"insert_permissions"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"role"', to_json(p.role_name), '"permission"', p.perm_def::json, '"comment"', to_json(p.comment))
                        ORDER BY p.role_name COLLATE "C")
                   FROM hdb_catalog.hdb_permission AS p
                  WHERE (p.table_schema, p.table_name) = (t.table_schema, t.table_name)
                    AND p.perm_type = 'insert' AND p.is_system_defined IS NOT TRUE),
               '"select_permissions"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"role"', to_json(p.role_name), '"permission"', p.perm_def::json, '"comment"', to_json(p.comment))
                        ORDER BY p.role_name COLLATE "C")
                   FROM hdb_catalog.hdb_permission AS p
                  WHERE (p.table_schema, p.table_name) = (t.table_schema, t.table_name)
                    AND p.perm_type = 'select' AND p.is_system_defined IS NOT TRUE),
               '"update_permissions"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"role"', to_json(p.role_name), '"permission"', p.perm_def::json, '"comment"', to_json(p.comment))
                        ORDER BY p.role_name COLLATE "C")
                   FROM hdb_catalog.hdb_permission AS p
                  WHERE (p.table_schema, p.table_name) = (t.table_schema, t.table_name)
                    AND p.perm_type = 'update' AND p.is_system_defined IS NOT TRUE),
               '"delete_permissions"', (
                 SELECT json_agg(pg_temp.catalog_rollback_object(
                          '"role"', to_json(p.role_name), '"permission"', p.perm_def::json, '"comment"', to_json(p.comment))
                        ORDER BY p.role_name COLLATE "C")
                   FROM hdb_catalog.hdb_permission AS p
                  WHERE (p.table_schema, p.table_name) = (t.table_schema, t.table_name)
                    AND p.perm_type = 'delete' AND p.is_system_defined IS NOT TRUE),
               '"event_triggers"', (
                 -- the stored configuration is the whole v2 entry: {name, definition, retry_conf, webhook, ...}
                 SELECT json_agg(et.configuration ORDER BY et.name COLLATE "C")
                   FROM hdb_catalog.event_triggers AS et
                  WHERE (et.schema_name, et.table_name) = (t.table_schema::text, t.table_name::text)
                    AND et.configuration IS NOT NULL))
             ORDER BY t.table_schema COLLATE "C", t.table_name COLLATE "C")
        FROM hdb_catalog.hdb_table AS t
       WHERE t.is_system_defined IS NOT TRUE), '[]'),
    '"functions"', (
      SELECT json_agg(pg_temp.catalog_rollback_object(
               '"function"', json_build_object('schema', f.function_schema, 'name', f.function_name),
               '"configuration"', CASE WHEN f.configuration IS NOT NULL AND f.configuration <> '{}'::jsonb
                                       THEN f.configuration::json END)
             ORDER BY f.function_schema COLLATE "C", f.function_name COLLATE "C")
        FROM hdb_catalog.hdb_function AS f
       WHERE f.is_system_defined IS NOT TRUE),
    '"configuration"', json_build_object('connection_info', json_build_object(
      'database_url', json_build_object('from_env', 'HASURA_GRAPHQL_DATABASE_URL'),
      'pool_settings', json_build_object('max_connections', 50, 'idle_timeout', 180, 'retries', 1,
                                         'connection_lifetime', 600),
      'use_prepared_statements', true,
      'isolation_level', 'read-committed')))),
  '"remote_schemas"', (
    SELECT json_agg(pg_temp.catalog_rollback_object(
             '"name"', to_json(rs.name), '"definition"', rs.definition, '"comment"', to_json(rs.comment))
           ORDER BY rs.name COLLATE "C")
      FROM hdb_catalog.remote_schemas AS rs),
  '"query_collections"', (
    SELECT json_agg(pg_temp.catalog_rollback_object(
             '"name"', to_json(qc.collection_name), '"definition"', qc.collection_defn::json,
             '"comment"', to_json(qc.comment))
           ORDER BY qc.collection_name COLLATE "C")
      FROM hdb_catalog.hdb_query_collection AS qc
     WHERE qc.is_system_defined IS NOT TRUE),
  '"allowlist"', (
    -- global scope: v2 reads an entry without "scope" as global (and v2.0 knows no "scope")
    SELECT json_agg(json_build_object('collection', al.collection_name) ORDER BY al.collection_name COLLATE "C")
      FROM hdb_catalog.hdb_allowlist AS al
     WHERE al.collection_name IS NOT NULL),
  '"actions"', (
    SELECT json_agg(pg_temp.catalog_rollback_object(
             '"name"', to_json(a.action_name), '"definition"', a.action_defn::json, '"comment"', to_json(a.comment),
             '"permissions"', (
               SELECT json_agg(pg_temp.catalog_rollback_object('"role"', to_json(ap.role_name), '"comment"', to_json(ap.comment))
                      ORDER BY ap.role_name COLLATE "C")
                 FROM hdb_catalog.hdb_action_permission AS ap
                WHERE ap.action_name = a.action_name))
           ORDER BY a.action_name COLLATE "C")
      FROM hdb_catalog.hdb_action AS a
     WHERE a.is_system_defined IS NOT TRUE),
  '"custom_types"', (
    SELECT ct.custom_types::json FROM hdb_catalog.hdb_custom_types AS ct LIMIT 1),
  '"cron_triggers"', (
    SELECT json_agg(pg_temp.catalog_rollback_object(
             '"name"', to_json(c.name), '"webhook"', c.webhook_conf, '"schedule"', to_json(c.cron_schedule),
             '"include_in_metadata"', 'true', '"payload"', c.payload, '"retry_conf"', c.retry_conf,
             '"headers"', c.header_conf, '"comment"', to_json(c.comment))
           ORDER BY c.name COLLATE "C")
      FROM hdb_catalog.hdb_cron_triggers AS c
     WHERE c.include_in_metadata));

DROP FUNCTION pg_temp.catalog_rollback_object(json[]);
