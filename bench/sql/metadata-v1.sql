-- The metadata case of scripts/bench: a large v1 metadata at catalog 42, written into the v1 tables the way
-- a v1.3 server writes it. psql variables: tables, roles (permissions are spread over them), roles_per_table
-- (how many roles get each of the 4 permissions of a table, at most roles), event_triggers, actions. Per table:
-- 3 relationships (2 object, 1 array) and 4 x roles_per_table permissions (select, insert, update, delete), so
-- 5,000 tables with 1 role each give 15,000 relationships and 20,000 permissions (about 6 MB of metadata), and
-- 20,000 tables with 3 roles each give 60,000 relationships and 240,000 permissions (about 50 MB). The user tables themselves do not exist:
-- the 42 <-> 43 move reads and writes metadata rows only.
BEGIN;
INSERT INTO hdb_catalog.hdb_table (table_schema, table_name, is_system_defined, is_enum, configuration)
SELECT 'public', 't_' || g, false, false, '{"custom_root_fields": {}, "custom_column_names": {}}'
  FROM generate_series(1, :tables) AS g;

INSERT INTO hdb_catalog.hdb_relationship (table_schema, table_name, rel_name, rel_type, rel_def, comment, is_system_defined)
SELECT 'public', 't_' || g, r.name, r.kind,
       CASE r.name
         WHEN 'parent' THEN jsonb_build_object('manual_configuration', jsonb_build_object(
                'remote_table', jsonb_build_object('schema', 'public', 'name', 't_' || (g % :tables + 1)),
                'column_mapping', jsonb_build_object('parent_id', 'id')))
         WHEN 'owner' THEN '{"foreign_key_constraint_on": "owner_id"}'::jsonb
         ELSE jsonb_build_object('foreign_key_constraint_on', jsonb_build_object(
                'table', jsonb_build_object('schema', 'public', 'name', 't_' || (g % :tables + 1)), 'column', 'parent_id'))
       END,
       NULL, false
  FROM generate_series(1, :tables) AS g
 CROSS JOIN (VALUES ('parent', 'object'), ('owner', 'object'), ('children', 'array')) AS r (name, kind);

INSERT INTO hdb_catalog.hdb_permission (table_schema, table_name, role_name, perm_type, perm_def, comment, is_system_defined)
SELECT 'public', 't_' || g, 'role_' || ((g + p.n + j) % :roles + 1), p.kind,
       CASE p.kind
         WHEN 'select' THEN '{"limit": null, "filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}}, "columns": ["id", "name", "owner_id"], "computed_fields": [], "allow_aggregations": true}'::jsonb
         WHEN 'insert' THEN '{"set": {"owner_id": "x-hasura-user-id"}, "check": {}, "columns": ["name"], "backend_only": false}'::jsonb
         WHEN 'update' THEN '{"set": {}, "check": null, "filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}}, "columns": ["name"]}'::jsonb
         ELSE '{"filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}}}'::jsonb
       END,
       NULL, false
  FROM generate_series(1, :tables) AS g
 CROSS JOIN (VALUES (0, 'select'), (1, 'insert'), (2, 'update'), (3, 'delete')) AS p (n, kind)
 CROSS JOIN generate_series(0, least(:roles_per_table, :roles) - 1) AS j;

INSERT INTO hdb_catalog.event_triggers (name, type, schema_name, table_name, configuration, comment)
SELECT 'trigger_' || g, 'table', 'public', 't_' || g,
       json_build_object('name', 'trigger_' || g, 'webhook', 'https://hooks.example.com/' || g, 'webhook_from_env', NULL,
                         'headers', '[]'::json, 'retry_conf', json_build_object('num_retries', 0, 'interval_sec', 10, 'timeout_sec', 60),
                         'definition', json_build_object('enable_manual', false, 'insert', json_build_object('columns', '*'))),
       NULL
  FROM generate_series(1, least(:event_triggers, :tables)) AS g;

INSERT INTO hdb_catalog.hdb_action (action_name, action_defn, comment, is_system_defined)
SELECT 'action_' || g,
       jsonb_build_object('kind', 'synchronous', 'type', 'mutation', 'handler', 'https://actions.example.com/' || g, 'headers', '[]'::jsonb,
                          'arguments', '[]'::jsonb, 'output_type', 'Result', 'forward_client_headers', false),
       NULL, false
  FROM generate_series(1, :actions) AS g;
INSERT INTO hdb_catalog.hdb_action_permission (action_name, role_name, definition, comment)
SELECT 'action_' || g, 'role_' || (g % :roles + 1), '{}', NULL FROM generate_series(1, :actions) AS g;
INSERT INTO hdb_catalog.hdb_custom_types (custom_types)
VALUES ('{"objects": [{"name": "Result", "fields": [{"name": "ok", "type": "Boolean!"}]}], "scalars": [], "enums": [], "input_objects": []}');
COMMIT;
