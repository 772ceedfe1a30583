-- Step 43 -> 42, part 4: the metadata document goes back into the v1 tables, as graphql-engine's from43To42 does
-- (saveMetadataToHdbTables), with is_system_defined = false. What each key of the document becomes is the key
-- table of catalog-rollback (metadata/MetadataKeys.java: moved, converted or lost); this script does what it says.
--   - From the single source (part 1 has refused anything else): its tables with is_enum and configuration,
--     object/array relationships, computed fields, remote relationships, insert/select/update/delete
--     permissions and event triggers; its functions with configuration.
--   - Global: remote schemas, query collections, allow-list, custom types, actions with their permissions,
--     cron triggers.
-- Values are taken over as they are (v1 reads the form v2 writes, and ignores the keys it does not know: they
-- stay in the v1 JSON columns, so going back up restores them), except these conversions:
--   - a table's configuration: each custom_name of column_config becomes an entry of custom_column_names
--     (v1.3 reads only custom_column_names; column_config itself stays); a custom root field written as
--     {"name", "comment"} becomes its name (v1.3 cannot read the object; the comment is lost);
--   - remote relationships in the "to_remote_schema" form are written in the v1 form
--     {"remote_schema", "hasura_fields", "remote_field"}; relationships to another database ("to_source")
--     have no v1 form and are left out;
--   - cron triggers keep include_in_metadata as the document says (true when it says nothing).
-- Part 1 has read the document into the temporary tables catalog_rollback_part (the source's tables, all jsonb) and
-- catalog_rollback_doc (top-level parts, the source's functions); the v1 json columns get the same values with jsonb's key order and spacing.
-- Absent optional values become the v1 column default ('{}' configurations, false is_enum, NULL comments).
-- Differences from graphql-engine's own code:
--   - computed fields are written to the column "comment" (the newest graphql-engine names a column
--     "commentText" that does not exist, so its 43 -> 42 fails when there are computed fields);
--   - the conversions above (graphql-engine writes column_config and root-field objects as they are, which
--     v1.3 cannot read, and always writes include_in_metadata = true);
--   - the next 100 events of each cron trigger are NOT generated: a v1.3 server schedules them itself when it
--     starts;
--   - cron events whose trigger is not in the document are deleted, so that the foreign key
--     hdb_cron_events -> hdb_cron_triggers can be added after the cron triggers (hasura#7374).
-- Finally hdb_metadata is dropped.

-- Helpers, temporary (gone at session end, dropped at the end of this script):
-- the elements of a JSON list, none for anything else (absent key, JSON null)
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_items(j jsonb) RETURNS SETOF jsonb
  LANGUAGE sql IMMUTABLE
  AS $items$ SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(j) = 'array' THEN j ELSE '[]'::jsonb END) $items$;
-- a JSON value, or SQL NULL for an absent key or a JSON null
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_value(j jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE
  AS $value$ SELECT CASE WHEN jsonb_typeof(j) = 'null' THEN NULL ELSE j END $value$;
-- a table's configuration as v1.3 reads it (see above); '{}' when the document has none
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_table_configuration(c jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE
  AS $configuration$
    SELECT CASE WHEN jsonb_typeof(c) IS DISTINCT FROM 'object' THEN '{}'::jsonb ELSE
      c
      || CASE WHEN jsonb_typeof(c -> 'custom_root_fields') = 'object' THEN jsonb_build_object('custom_root_fields', (
           SELECT coalesce(jsonb_object_agg(f.key, CASE WHEN jsonb_typeof(f.value) = 'object'
                                                        THEN coalesce(f.value -> 'name', 'null'::jsonb) ELSE f.value END), '{}'::jsonb)
             FROM jsonb_each(c -> 'custom_root_fields') AS f))
         ELSE '{}'::jsonb END
      || coalesce((
           SELECT jsonb_build_object('custom_column_names',
                    CASE WHEN jsonb_typeof(c -> 'custom_column_names') = 'object' THEN c -> 'custom_column_names' ELSE '{}'::jsonb END
                    || jsonb_object_agg(cc.key, cc.value -> 'custom_name'))
             FROM jsonb_each(CASE WHEN jsonb_typeof(c -> 'column_config') = 'object' THEN c -> 'column_config' ELSE '{}'::jsonb END) AS cc
            WHERE jsonb_typeof(cc.value -> 'custom_name') = 'string'
           HAVING count(*) > 0), '{}'::jsonb)
    END
  $configuration$;

-- the source's tables; a table is {"schema", "name"} or a bare name (schema public)
CREATE TEMPORARY VIEW catalog_rollback_table AS
SELECT CASE WHEN jsonb_typeof(p.value -> 'table') = 'string' THEN 'public'
            ELSE coalesce(p.value -> 'table' ->> 'schema', 'public') END AS table_schema,
       CASE WHEN jsonb_typeof(p.value -> 'table') = 'string' THEN p.value ->> 'table'
            ELSE p.value -> 'table' ->> 'name' END AS table_name,
       p.value AS entry
  FROM catalog_rollback_part AS p
 WHERE p.part = 'table';

-- tables
INSERT INTO hdb_catalog.hdb_table (table_schema, table_name, is_system_defined, is_enum, configuration)
SELECT t.table_schema, t.table_name, false,
       coalesce(t.entry -> 'is_enum' = 'true'::jsonb, false),
       pg_temp.catalog_rollback_table_configuration(t.entry -> 'configuration')
  FROM catalog_rollback_table AS t;

-- object and array relationships
INSERT INTO hdb_catalog.hdb_relationship (table_schema, table_name, rel_name, rel_type, rel_def, comment, is_system_defined)
SELECT t.table_schema, t.table_name, r.e ->> 'name', k.rel_type, r.e -> 'using', r.e ->> 'comment', false
  FROM catalog_rollback_table AS t
 CROSS JOIN (VALUES ('object', 'object_relationships'), ('array', 'array_relationships')) AS k (rel_type, list)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> k.list) AS r (e);

-- permissions
INSERT INTO hdb_catalog.hdb_permission (table_schema, table_name, role_name, perm_type, perm_def, comment, is_system_defined)
SELECT t.table_schema, t.table_name, p.e ->> 'role', k.perm_type, p.e -> 'permission', p.e ->> 'comment', false
  FROM catalog_rollback_table AS t
 CROSS JOIN (VALUES ('insert', 'insert_permissions'), ('select', 'select_permissions'),
                    ('update', 'update_permissions'), ('delete', 'delete_permissions')) AS k (perm_type, list)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> k.list) AS p (e);

-- computed fields (into "comment", see above)
INSERT INTO hdb_catalog.hdb_computed_field (table_schema, table_name, computed_field_name, definition, comment)
SELECT t.table_schema, t.table_name, c.e ->> 'name', c.e -> 'definition', c.e ->> 'comment'
  FROM catalog_rollback_table AS t
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> 'computed_fields') AS c (e);

-- remote relationships to a remote schema, in the v1 form
INSERT INTO hdb_catalog.hdb_remote_relationship (remote_relationship_name, table_schema, table_name, definition)
SELECT rr.e ->> 'name', t.table_schema, t.table_name,
       CASE
         WHEN pg_temp.catalog_rollback_value(rr.e -> 'definition' -> 'to_remote_schema') IS NOT NULL THEN
           jsonb_build_object('remote_schema', rr.e -> 'definition' -> 'to_remote_schema' -> 'remote_schema',
                              'hasura_fields', rr.e -> 'definition' -> 'to_remote_schema' -> 'lhs_fields',
                              'remote_field',  rr.e -> 'definition' -> 'to_remote_schema' -> 'remote_field')
         WHEN pg_temp.catalog_rollback_value(rr.e -> 'definition') IS NOT NULL THEN
           rr.e -> 'definition'
         ELSE -- legacy form with the definition's keys next to "name"
           jsonb_build_object('remote_schema', rr.e -> 'remote_schema',
                              'hasura_fields', rr.e -> 'hasura_fields',
                              'remote_field',  rr.e -> 'remote_field')
       END
  FROM catalog_rollback_table AS t
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> 'remote_relationships') AS rr (e)
 WHERE pg_temp.catalog_rollback_value(rr.e -> 'definition' -> 'to_source') IS NULL;

-- event triggers: the whole entry is the v1 configuration
INSERT INTO hdb_catalog.event_triggers (name, type, schema_name, table_name, configuration)
SELECT et.e ->> 'name', 'table', t.table_schema, t.table_name, et.e::json
  FROM catalog_rollback_table AS t
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> 'event_triggers') AS et (e);

-- functions
INSERT INTO hdb_catalog.hdb_function (function_schema, function_name, is_system_defined, configuration)
SELECT CASE WHEN jsonb_typeof(f.e -> 'function') = 'string' THEN 'public'
            ELSE coalesce(f.e -> 'function' ->> 'schema', 'public') END,
       CASE WHEN jsonb_typeof(f.e -> 'function') = 'string' THEN f.e ->> 'function'
            ELSE f.e -> 'function' ->> 'name' END,
       false,
       coalesce(pg_temp.catalog_rollback_value(f.e -> 'configuration'), '{}'::jsonb)
  FROM catalog_rollback_doc AS f (part, n, name, e)
 WHERE f.part = 'function';

-- remote schemas, numbered in document order
INSERT INTO hdb_catalog.remote_schemas (name, definition, comment)
SELECT rs.e ->> 'name', pg_temp.catalog_rollback_value(rs.e -> 'definition')::json, rs.e ->> 'comment'
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) WITH ORDINALITY AS rs (e, n)
 WHERE d.part = 'document' AND d.name = 'remote_schemas'
 ORDER BY rs.n;

-- query collections and the (global) allow-list
INSERT INTO hdb_catalog.hdb_query_collection (collection_name, collection_defn, comment, is_system_defined)
SELECT qc.e ->> 'name', qc.e -> 'definition', qc.e ->> 'comment', false
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) AS qc (e)
 WHERE d.part = 'document' AND d.name = 'query_collections';

INSERT INTO hdb_catalog.hdb_allowlist (collection_name)
SELECT al.e ->> 'collection'
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) AS al (e)
 WHERE d.part = 'document' AND d.name = 'allowlist';

-- custom types: one row when the document has them
INSERT INTO hdb_catalog.hdb_custom_types (custom_types)
SELECT d.value
  FROM catalog_rollback_doc AS d
 WHERE d.part = 'document' AND d.name = 'custom_types' AND jsonb_typeof(d.value) = 'object';

-- actions and their permissions
INSERT INTO hdb_catalog.hdb_action (action_name, action_defn, comment, is_system_defined)
SELECT a.e ->> 'name', a.e -> 'definition', a.e ->> 'comment', false
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) AS a (e)
 WHERE d.part = 'document' AND d.name = 'actions';

INSERT INTO hdb_catalog.hdb_action_permission (action_name, role_name, comment)
SELECT a.e ->> 'name', ap.e ->> 'role', ap.e ->> 'comment'
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) AS a (e)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(a.e -> 'permissions') AS ap (e)
 WHERE d.part = 'document' AND d.name = 'actions';

-- cron triggers, include_in_metadata as the document says; a retry configuration or header list the
-- document leaves out (v2 omits the defaults) gets the value v1 writes for "none", since a v1 server cannot
-- read NULL there
INSERT INTO hdb_catalog.hdb_cron_triggers
       (name, webhook_conf, cron_schedule, payload, retry_conf, header_conf, include_in_metadata, comment)
SELECT ct.e ->> 'name', (ct.e -> 'webhook')::json, ct.e ->> 'schedule',
       pg_temp.catalog_rollback_value(ct.e -> 'payload')::json,
       coalesce(pg_temp.catalog_rollback_value(ct.e -> 'retry_conf'),
                '{"num_retries":0,"retry_interval_seconds":10,"timeout_seconds":60,"tolerance_seconds":21600}'::jsonb)::json,
       coalesce(pg_temp.catalog_rollback_value(ct.e -> 'headers'), '[]'::jsonb)::json,
       CASE WHEN jsonb_typeof(ct.e -> 'include_in_metadata') = 'boolean' THEN (ct.e -> 'include_in_metadata')::text::boolean
            ELSE true END,
       ct.e ->> 'comment'
  FROM catalog_rollback_doc AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.value) AS ct (e)
 WHERE d.part = 'document' AND d.name = 'cron_triggers';

-- DATA LOSS: cron events (and, by cascade, their invocation logs) of cron triggers that are no
-- longer in the metadata; v1 cannot hold an event without its trigger. The cascade looks up the logs of
-- each deleted event, and below 47 hdb_cron_event_invocation_logs has no index on event_id: with many
-- events and logs that is one full scan per event. A temporary index keeps the delete linear; it is
-- dropped again, so the catalog at 42 has exactly its own indexes.
DO $delete_orphan_cron_events$
BEGIN
  IF EXISTS (SELECT 1 FROM hdb_catalog.hdb_cron_events AS ev
              WHERE NOT EXISTS (SELECT 1 FROM hdb_catalog.hdb_cron_triggers AS ct WHERE ct.name = ev.trigger_name)) THEN
    CREATE INDEX catalog_rollback_orphan_cron_logs ON hdb_catalog.hdb_cron_event_invocation_logs (event_id);
    DELETE FROM hdb_catalog.hdb_cron_events AS ev
     WHERE NOT EXISTS (SELECT 1 FROM hdb_catalog.hdb_cron_triggers AS ct WHERE ct.name = ev.trigger_name);
    DROP INDEX hdb_catalog.catalog_rollback_orphan_cron_logs;
  END IF;
END
$delete_orphan_cron_events$;

-- keys of the tables that hold one row per table, relationship or permission (see part 2)
ALTER TABLE hdb_catalog.hdb_table
  ADD CONSTRAINT hdb_table_pkey PRIMARY KEY (table_schema, table_name);
ALTER TABLE hdb_catalog.hdb_relationship
  ADD CONSTRAINT hdb_relationship_pkey PRIMARY KEY (table_schema, table_name, rel_name),
  ADD CONSTRAINT hdb_relationship_table_schema_fkey FOREIGN KEY (table_schema, table_name)
    REFERENCES hdb_catalog.hdb_table (table_schema, table_name) ON UPDATE CASCADE;
ALTER TABLE hdb_catalog.hdb_permission
  ADD CONSTRAINT hdb_permission_pkey PRIMARY KEY (table_schema, table_name, role_name, perm_type),
  ADD CONSTRAINT hdb_permission_table_schema_fkey FOREIGN KEY (table_schema, table_name)
    REFERENCES hdb_catalog.hdb_table (table_schema, table_name) ON UPDATE CASCADE;
ALTER TABLE hdb_catalog.hdb_remote_relationship
  ADD CONSTRAINT hdb_remote_relationship_table_schema_table_name_fkey FOREIGN KEY (table_schema, table_name)
    REFERENCES hdb_catalog.hdb_table (table_schema, table_name) ON UPDATE CASCADE;
ALTER TABLE hdb_catalog.hdb_computed_field
  ADD CONSTRAINT hdb_computed_field_table_schema_fkey FOREIGN KEY (table_schema, table_name)
    REFERENCES hdb_catalog.hdb_table (table_schema, table_name) ON UPDATE CASCADE;

ALTER TABLE hdb_catalog.hdb_cron_events
  ADD CONSTRAINT hdb_cron_events_trigger_name_fkey FOREIGN KEY (trigger_name)
  REFERENCES hdb_catalog.hdb_cron_triggers (name) ON UPDATE CASCADE ON DELETE CASCADE;

DROP TABLE hdb_catalog.hdb_metadata;

DROP VIEW catalog_rollback_table;
DROP TABLE catalog_rollback_part;
DROP TABLE catalog_rollback_doc;
DROP FUNCTION pg_temp.catalog_rollback_items(jsonb);
DROP FUNCTION pg_temp.catalog_rollback_value(jsonb);
DROP FUNCTION pg_temp.catalog_rollback_table_configuration(jsonb);
