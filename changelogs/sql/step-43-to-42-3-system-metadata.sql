-- Step 43 -> 42, part 3: the system-defined metadata of a v1 catalog at 42 (graphql-engine's
-- recreateSystemMetadata): the catalog tables and views tracked in hdb_table, and their fixed
-- relationships in hdb_relationship, all with is_system_defined = true.
-- Every row carries the configuration graphql-engine's recreateSystemMetadata writes, the empty table
-- configuration {"custom_root_fields": {}, "custom_column_names": {}}. (A catalog that this changelog's
-- chain 12 -> 42 built has '{}' in the rows registered before catalog 24, when configuration came with
-- default '{}'; both mean "no configuration" to v1.)

INSERT INTO hdb_catalog.hdb_table (table_schema, table_name, configuration, is_system_defined, is_enum)
SELECT t.table_schema, t.table_name, '{"custom_root_fields": {}, "custom_column_names": {}}'::jsonb, true, false
  FROM (VALUES
    ('information_schema', 'tables'),
    ('information_schema', 'schemata'),
    ('information_schema', 'views'),
    ('information_schema', 'columns'),
    ('hdb_catalog',        'hdb_table'),
    ('hdb_catalog',        'hdb_primary_key'),
    ('hdb_catalog',        'hdb_foreign_key_constraint'),
    ('hdb_catalog',        'hdb_relationship'),
    ('hdb_catalog',        'hdb_permission_agg'),
    ('hdb_catalog',        'hdb_computed_field'),
    ('hdb_catalog',        'hdb_check_constraint'),
    ('hdb_catalog',        'hdb_unique_constraint'),
    ('hdb_catalog',        'hdb_remote_relationship'),
    ('hdb_catalog',        'event_triggers'),
    ('hdb_catalog',        'event_log'),
    ('hdb_catalog',        'event_invocation_logs'),
    ('hdb_catalog',        'hdb_function'),
    ('hdb_catalog',        'hdb_function_agg'),
    ('hdb_catalog',        'remote_schemas'),
    ('hdb_catalog',        'hdb_version'),
    ('hdb_catalog',        'hdb_query_collection'),
    ('hdb_catalog',        'hdb_allowlist'),
    ('hdb_catalog',        'hdb_custom_types'),
    ('hdb_catalog',        'hdb_action_permission'),
    ('hdb_catalog',        'hdb_action'),
    ('hdb_catalog',        'hdb_action_log'),
    ('hdb_catalog',        'hdb_role'),
    ('hdb_catalog',        'hdb_cron_triggers'),
    ('hdb_catalog',        'hdb_cron_events'),
    ('hdb_catalog',        'hdb_cron_event_invocation_logs'),
    ('hdb_catalog',        'hdb_scheduled_events'),
    ('hdb_catalog',        'hdb_scheduled_event_invocation_logs')
  ) AS t (table_schema, table_name);

-- Relationships, all between catalog objects in hdb_catalog / information_schema. "manual" ones map
-- columns to a remote table; "fkey" ones follow a foreign key (an object relationship names its own
-- column, an array relationship the referencing table and column).
INSERT INTO hdb_catalog.hdb_relationship (table_schema, table_name, rel_name, rel_type, rel_def, is_system_defined)
SELECT 'hdb_catalog', r.table_name, r.rel_name, r.rel_type,
       CASE
         WHEN r.remote_table IS NOT NULL THEN
           jsonb_build_object('manual_configuration', jsonb_build_object(
             'remote_table', jsonb_build_object('schema', r.remote_schema, 'name', r.remote_table),
             'column_mapping', r.mapping))
         WHEN r.rel_type = 'object' THEN
           jsonb_build_object('foreign_key_constraint_on', r.fkey_column)
         ELSE
           jsonb_build_object('foreign_key_constraint_on', jsonb_build_object(
             'table', jsonb_build_object('schema', 'hdb_catalog', 'name', r.fkey_table),
             'column', r.fkey_column))
       END,
       true
  FROM (VALUES
    -- table, relationship, type, remote schema, remote table, column mapping, fkey table, fkey column
    ('hdb_table', 'detail',                  'object', 'information_schema', 'tables',
       '{"table_schema": "table_schema", "table_name": "table_name"}'::jsonb, NULL, NULL),
    ('hdb_table', 'primary_key',             'object', 'hdb_catalog', 'hdb_primary_key',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'columns',                 'array',  'information_schema', 'columns',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'foreign_key_constraints', 'array',  'hdb_catalog', 'hdb_foreign_key_constraint',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'relationships',           'array',  'hdb_catalog', 'hdb_relationship',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'permissions',             'array',  'hdb_catalog', 'hdb_permission_agg',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'computed_fields',         'array',  'hdb_catalog', 'hdb_computed_field',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'check_constraints',       'array',  'hdb_catalog', 'hdb_check_constraint',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('hdb_table', 'unique_constraints',      'array',  'hdb_catalog', 'hdb_unique_constraint',
       '{"table_schema": "table_schema", "table_name": "table_name"}', NULL, NULL),
    ('event_triggers', 'events',             'array',  'hdb_catalog', 'event_log',
       '{"name": "trigger_name"}', NULL, NULL),
    ('event_log', 'trigger',                 'object', 'hdb_catalog', 'event_triggers',
       '{"trigger_name": "name"}', NULL, NULL),
    ('event_log', 'logs',                    'array',  NULL, NULL, NULL, 'event_invocation_logs', 'event_id'),
    ('event_invocation_logs', 'event',       'object', NULL, NULL, NULL, NULL, 'event_id'),
    ('hdb_function_agg', 'return_table_info', 'object', 'hdb_catalog', 'hdb_table',
       '{"return_type_schema": "table_schema", "return_type_name": "table_name"}', NULL, NULL),
    ('hdb_action', 'permissions',            'array',  'hdb_catalog', 'hdb_action_permission',
       '{"action_name": "action_name"}', NULL, NULL),
    ('hdb_role', 'action_permissions',       'array',  'hdb_catalog', 'hdb_action_permission',
       '{"role_name": "role_name"}', NULL, NULL),
    ('hdb_role', 'permissions',              'array',  'hdb_catalog', 'hdb_permission_agg',
       '{"role_name": "role_name"}', NULL, NULL),
    ('hdb_cron_triggers', 'cron_events',     'array',  NULL, NULL, NULL, 'hdb_cron_events', 'trigger_name'),
    ('hdb_cron_events', 'cron_trigger',      'object', NULL, NULL, NULL, NULL, 'trigger_name'),
    ('hdb_cron_events', 'cron_event_logs',   'array',  NULL, NULL, NULL, 'hdb_cron_event_invocation_logs', 'event_id'),
    ('hdb_cron_event_invocation_logs', 'cron_event', 'object', NULL, NULL, NULL, NULL, 'event_id'),
    ('hdb_scheduled_events', 'scheduled_event_logs', 'array', NULL, NULL, NULL, 'hdb_scheduled_event_invocation_logs', 'event_id'),
    ('hdb_scheduled_event_invocation_logs', 'scheduled_event', 'object', NULL, NULL, NULL, NULL, 'event_id')
  ) AS r (table_name, rel_name, rel_type, remote_schema, remote_table, mapping, fkey_table, fkey_column);
