-- Step 43 -> 42, part 4: the metadata document (hdb_metadata, row id 1) goes back into the v1 tables,
-- as graphql-engine's from43To42 does (saveMetadataToHdbTables), with is_system_defined = false.
--   - From the single source (part 1 has refused anything else): its tables with is_enum and
--     configuration, object/array relationships, computed fields, remote relationships,
--     insert/select/update/delete permissions and event triggers; its functions with configuration.
--   - Global: remote schemas, query collections, allow-list, custom types, actions with their
--     permissions, cron triggers.
-- Values are taken over as they are in the document (v1 reads the form v2 writes); absent optional
-- values become the v1 column default ('{}' configurations, false is_enum, NULL comments).
-- Differences from graphql-engine's own code:
--   - computed fields are written to the column "comment" (the newest graphql-engine names a
--     column "commentText" that does not exist, so its 43 -> 42 fails when there are computed fields);
--   - remote relationships in the newer "to_remote_schema" form are written in the v1 form
--     {"remote_schema", "hasura_fields", "remote_field"}; relationships to another database
--     ("to_source") have no v1 form and are left out;
--   - the next 100 events of each cron trigger are NOT generated: a v1.3 server schedules them
--     itself when it starts;
--   - cron events whose trigger is not in the document are deleted, so that the foreign key
--     hdb_cron_events -> hdb_cron_triggers can be added after the cron triggers (hasura#7374).
-- Finally hdb_metadata is dropped.

-- Helpers, temporary (gone at session end, dropped at the end of this script):
-- the elements of a JSON array, none for anything else (absent key, JSON null)
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_items(j json) RETURNS SETOF json
  LANGUAGE sql IMMUTABLE
  AS $items$ SELECT json_array_elements(CASE WHEN json_typeof(j) = 'array' THEN j ELSE '[]'::json END) $items$;
-- a JSON value, or SQL NULL for an absent key or a JSON null
CREATE OR REPLACE FUNCTION pg_temp.catalog_rollback_value(j json) RETURNS json
  LANGUAGE sql IMMUTABLE
  AS $value$ SELECT CASE WHEN json_typeof(j) = 'null' THEN NULL ELSE j END $value$;

-- The document and its single source, then one row per table of that source.
CREATE TEMPORARY TABLE catalog_rollback_document AS
SELECT m.metadata AS doc,
       CASE WHEN json_typeof(m.metadata -> 'sources') = 'array' AND json_array_length(m.metadata -> 'sources') = 1
            THEN m.metadata -> 'sources' -> 0 END AS source
  FROM hdb_catalog.hdb_metadata AS m
 WHERE m.id = 1;

-- a table or function is {"schema", "name"} or a bare name (schema public)
CREATE TEMPORARY TABLE catalog_rollback_table AS
SELECT CASE WHEN json_typeof(e.t -> 'table') = 'string' THEN 'public'
            ELSE coalesce(e.t -> 'table' ->> 'schema', 'public') END AS table_schema,
       CASE WHEN json_typeof(e.t -> 'table') = 'string' THEN e.t ->> 'table'
            ELSE e.t -> 'table' ->> 'name' END AS table_name,
       e.t AS entry
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.source -> 'tables') AS e (t);

-- tables
INSERT INTO hdb_catalog.hdb_table (table_schema, table_name, is_system_defined, is_enum, configuration)
SELECT t.table_schema, t.table_name, false,
       coalesce((t.entry ->> 'is_enum')::boolean, false),
       coalesce(pg_temp.catalog_rollback_value(t.entry -> 'configuration')::jsonb, '{}'::jsonb)
  FROM catalog_rollback_table AS t;

-- object and array relationships
INSERT INTO hdb_catalog.hdb_relationship (table_schema, table_name, rel_name, rel_type, rel_def, comment, is_system_defined)
SELECT t.table_schema, t.table_name, r.e ->> 'name', k.rel_type, (r.e -> 'using')::jsonb, r.e ->> 'comment', false
  FROM catalog_rollback_table AS t
 CROSS JOIN (VALUES ('object', 'object_relationships'), ('array', 'array_relationships')) AS k (rel_type, list)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> k.list) AS r (e);

-- permissions
INSERT INTO hdb_catalog.hdb_permission (table_schema, table_name, role_name, perm_type, perm_def, comment, is_system_defined)
SELECT t.table_schema, t.table_name, p.e ->> 'role', k.perm_type, (p.e -> 'permission')::jsonb, p.e ->> 'comment', false
  FROM catalog_rollback_table AS t
 CROSS JOIN (VALUES ('insert', 'insert_permissions'), ('select', 'select_permissions'),
                    ('update', 'update_permissions'), ('delete', 'delete_permissions')) AS k (perm_type, list)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> k.list) AS p (e);

-- computed fields (into "comment", see above)
INSERT INTO hdb_catalog.hdb_computed_field (table_schema, table_name, computed_field_name, definition, comment)
SELECT t.table_schema, t.table_name, c.e ->> 'name', (c.e -> 'definition')::jsonb, c.e ->> 'comment'
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
           (rr.e -> 'definition')::jsonb
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
SELECT et.e ->> 'name', 'table', t.table_schema, t.table_name, et.e
  FROM catalog_rollback_table AS t
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(t.entry -> 'event_triggers') AS et (e);

-- functions
INSERT INTO hdb_catalog.hdb_function (function_schema, function_name, is_system_defined, configuration)
SELECT CASE WHEN json_typeof(f.e -> 'function') = 'string' THEN 'public'
            ELSE coalesce(f.e -> 'function' ->> 'schema', 'public') END,
       CASE WHEN json_typeof(f.e -> 'function') = 'string' THEN f.e ->> 'function'
            ELSE f.e -> 'function' ->> 'name' END,
       false,
       coalesce(pg_temp.catalog_rollback_value(f.e -> 'configuration')::jsonb, '{}'::jsonb)
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.source -> 'functions') AS f (e);

-- remote schemas, numbered in document order (by name)
INSERT INTO hdb_catalog.remote_schemas (name, definition, comment)
SELECT rs.e ->> 'name', pg_temp.catalog_rollback_value(rs.e -> 'definition'), rs.e ->> 'comment'
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'remote_schemas') WITH ORDINALITY AS rs (e, n)
 ORDER BY rs.n;

-- query collections and the (global) allow-list
INSERT INTO hdb_catalog.hdb_query_collection (collection_name, collection_defn, comment, is_system_defined)
SELECT qc.e ->> 'name', (qc.e -> 'definition')::jsonb, qc.e ->> 'comment', false
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'query_collections') AS qc (e);

INSERT INTO hdb_catalog.hdb_allowlist (collection_name)
SELECT al.e ->> 'collection'
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'allowlist') AS al (e);

-- custom types: one row when the document has them
INSERT INTO hdb_catalog.hdb_custom_types (custom_types)
SELECT (d.doc -> 'custom_types')::jsonb
  FROM catalog_rollback_document AS d
 WHERE json_typeof(d.doc -> 'custom_types') = 'object';

-- actions and their permissions
INSERT INTO hdb_catalog.hdb_action (action_name, action_defn, comment, is_system_defined)
SELECT a.e ->> 'name', (a.e -> 'definition')::jsonb, a.e ->> 'comment', false
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'actions') AS a (e);

INSERT INTO hdb_catalog.hdb_action_permission (action_name, role_name, comment)
SELECT a.e ->> 'name', ap.e ->> 'role', ap.e ->> 'comment'
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'actions') AS a (e)
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(a.e -> 'permissions') AS ap (e);

-- cron triggers: all of them were part of the metadata, so include_in_metadata is true; a retry
-- configuration or header list the document leaves out (v2 omits the defaults) gets the value
-- v1 writes for "none", since a v1 server cannot read NULL there
INSERT INTO hdb_catalog.hdb_cron_triggers
       (name, webhook_conf, cron_schedule, payload, retry_conf, header_conf, include_in_metadata, comment)
SELECT ct.e ->> 'name', ct.e -> 'webhook', ct.e ->> 'schedule',
       pg_temp.catalog_rollback_value(ct.e -> 'payload'),
       coalesce(pg_temp.catalog_rollback_value(ct.e -> 'retry_conf'),
                '{"num_retries":0,"retry_interval_seconds":10,"timeout_seconds":60,"tolerance_seconds":21600}'::json),
       coalesce(pg_temp.catalog_rollback_value(ct.e -> 'headers'), '[]'::json),
       true,
       ct.e ->> 'comment'
  FROM catalog_rollback_document AS d
 CROSS JOIN LATERAL pg_temp.catalog_rollback_items(d.doc -> 'cron_triggers') AS ct (e);

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

ALTER TABLE hdb_catalog.hdb_cron_events
  ADD CONSTRAINT hdb_cron_events_trigger_name_fkey FOREIGN KEY (trigger_name)
  REFERENCES hdb_catalog.hdb_cron_triggers (name) ON UPDATE CASCADE ON DELETE CASCADE;

DROP TABLE hdb_catalog.hdb_metadata;

DROP TABLE catalog_rollback_table;
DROP TABLE catalog_rollback_document;
DROP FUNCTION pg_temp.catalog_rollback_items(json);
DROP FUNCTION pg_temp.catalog_rollback_value(json);
