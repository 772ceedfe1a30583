-- Step 42 -> 43, part 2: the v1 metadata catalog goes, as graphql-engine's 42_to_43.sql removes it
-- (after part 1 has copied the user metadata into hdb_metadata).
--
-- Kept: hdb_version, hdb_action_log, hdb_cron_events (+ invocation logs), hdb_scheduled_events
-- (+ invocation logs), gen_hasura_uuid(), and the source objects event_log, event_invocation_logs and
-- insert_event_log (the metadata database was also the default source; part 3 brings them to the
-- source-catalog version a v2 server expects).

-- Event-trigger functions: a v1 server keeps them in hdb_views as notify_hasura_<trigger>_<OP>, a v2
-- server in hdb_catalog under the same names. They move to hdb_catalog before hdb_views is dropped,
-- so the triggers on the user tables keep capturing events (their body calls
-- hdb_catalog.insert_event_log, which stays). graphql-engine itself lets DROP SCHEMA ... CASCADE take
-- them and re-creates them when it migrates the source catalog; here the source catalog is migrated
-- in part 3, so a v2 server would see nothing to migrate and would not re-create them.
SELECT pg_temp.move_event_trigger_functions('hdb_views', 'hdb_catalog');

-- Views and tables of the v1 metadata, dependants first.
DROP VIEW hdb_catalog.hdb_role;
DROP TABLE hdb_catalog.hdb_custom_types;
DROP TABLE hdb_catalog.hdb_action_permission;
DROP TABLE hdb_catalog.hdb_action;
DROP VIEW hdb_catalog.hdb_computed_field_function;
DROP TABLE hdb_catalog.hdb_computed_field;
DROP TABLE hdb_catalog.hdb_allowlist;
DROP TABLE hdb_catalog.hdb_query_collection;
DROP VIEW hdb_catalog.hdb_function_info_agg;
DROP VIEW hdb_catalog.hdb_table_info_agg;
DROP TRIGGER hdb_schema_update_event_notifier ON hdb_catalog.hdb_schema_update_event;
DROP FUNCTION hdb_catalog.hdb_schema_update_event_notifier();
DROP TABLE hdb_catalog.hdb_schema_update_event;
DROP TABLE hdb_catalog.remote_schemas;
DROP VIEW hdb_catalog.hdb_function_agg;
DROP TABLE hdb_catalog.hdb_function;
DROP TABLE hdb_catalog.event_triggers;
DROP FUNCTION hdb_catalog.inject_table_defaults(text, text, text, text);
DROP VIEW hdb_catalog.hdb_primary_key;
DROP VIEW hdb_catalog.hdb_unique_constraint;
DROP VIEW hdb_catalog.hdb_check_constraint;
DROP VIEW hdb_catalog.hdb_foreign_key_constraint;
DROP VIEW hdb_catalog.hdb_permission_agg;
DROP TABLE hdb_catalog.hdb_permission;
DROP TABLE hdb_catalog.hdb_remote_relationship;
DROP TABLE hdb_catalog.hdb_relationship;
DROP TRIGGER event_trigger_table_name_update_trigger ON hdb_catalog.hdb_table;
DROP FUNCTION hdb_catalog.event_trigger_table_name_update();
DROP TABLE hdb_catalog.hdb_table;
DROP FUNCTION hdb_catalog.check_violation(text);

-- Cron triggers live in the metadata document from now on: hdb_cron_events keeps its rows but loses
-- the foreign key to hdb_cron_triggers (cron triggers that were not part of the metadata are gone
-- with the table; their events stay, without a trigger).
ALTER TABLE hdb_catalog.hdb_cron_events DROP CONSTRAINT hdb_cron_events_trigger_name_fkey;
DROP VIEW hdb_catalog.hdb_cron_events_stats;
DROP TABLE hdb_catalog.hdb_cron_triggers;

-- Schema of the generated v1 objects; its event-trigger functions were moved above, anything else
-- left in it is dropped with it.
DROP SCHEMA IF EXISTS hdb_views CASCADE;
