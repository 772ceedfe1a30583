-- Step 43 -> 42, part 5: the source objects in hdb_catalog get the v1 shape they have at 42 in this
-- changelog's chain, and schema hdb_views comes back. (insert_event_log is re-created after this
-- script from sql/insert_event_log@37.sql.)
--   - v1-born catalog (event_log kept by 42 -> 43, possibly migrated further by a v2 server): the
--     source-catalog migrations 1 -> 2 -> 3 are undone; graphql-engine's own downgrade leaves them.
--   - v2-born catalog (a metadata-only database has no event_log): event_log and
--     event_invocation_logs are created empty, as graphql-engine's 43_to_42 does.
-- Every statement tolerates either case, and a source catalog at any version 1 to 4 (either 4: 4a's UTC created_at
-- defaults go back to now(), 4b's insert_event_log is replaced after this script). catalog-rollback itself takes
-- the source catalog down to 1 with the source changelog (source/master.yaml) before this step, so in its runs
-- this finds the v1 shape already; stock Liquibase running only master.yaml relies on this file for all of it.

CREATE TABLE IF NOT EXISTS hdb_catalog.event_log (
  id            text DEFAULT hdb_catalog.gen_hasura_uuid() CONSTRAINT event_log_pkey PRIMARY KEY,
  schema_name   text NOT NULL,
  table_name    text NOT NULL,
  trigger_name  text NOT NULL,
  payload       jsonb NOT NULL,
  delivered     boolean NOT NULL DEFAULT false,
  error         boolean NOT NULL DEFAULT false,
  tries         integer NOT NULL DEFAULT 0,
  created_at    timestamp DEFAULT now(),
  locked        timestamptz,
  next_retry_at timestamp,
  archived      boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS hdb_catalog.event_invocation_logs (
  id         text DEFAULT hdb_catalog.gen_hasura_uuid() CONSTRAINT event_invocation_logs_pkey PRIMARY KEY,
  event_id   text,
  status     integer,
  request    json,
  response   json,
  created_at timestamp DEFAULT now()
);

-- undo source 3 -> 4 (a): v1 writes created_at with the server's now(), not in UTC
ALTER TABLE hdb_catalog.event_log ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE hdb_catalog.event_invocation_logs ALTER COLUMN created_at SET DEFAULT now();

-- undo source 2 -> 3 (DATA LOSS: the event-log clean-up schedule and each log's trigger_name)
DROP TABLE IF EXISTS hdb_catalog.hdb_event_log_cleanups;
ALTER TABLE hdb_catalog.event_invocation_logs DROP COLUMN IF EXISTS trigger_name;

-- undo source 1 -> 2: the three plain indexes of v1 instead of the partial fetch index
DROP INDEX IF EXISTS hdb_catalog.event_log_fetch_events;
CREATE INDEX IF NOT EXISTS event_log_trigger_name_idx ON hdb_catalog.event_log (trigger_name);
CREATE INDEX IF NOT EXISTS event_log_locked_idx ON hdb_catalog.event_log (locked);
CREATE INDEX IF NOT EXISTS event_log_delivered_idx ON hdb_catalog.event_log (delivered);
CREATE INDEX IF NOT EXISTS event_log_created_at_idx ON hdb_catalog.event_log (created_at);
CREATE INDEX IF NOT EXISTS event_invocation_logs_event_id_idx ON hdb_catalog.event_invocation_logs (event_id);

-- undo the dropped foreign key of source 2 -> 3. DATA LOSS: invocation logs whose event is gone
-- (v2 event-log clean-ups delete events but keep their logs); v1 cannot hold them.
DO $invocation_log_fkey$
BEGIN
  IF NOT EXISTS (SELECT 1
                   FROM pg_catalog.pg_constraint AS con
                  WHERE con.contype = 'f'
                    AND con.conrelid  = 'hdb_catalog.event_invocation_logs'::regclass
                    AND con.confrelid = 'hdb_catalog.event_log'::regclass) THEN
    DELETE FROM hdb_catalog.event_invocation_logs AS il
     WHERE il.event_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM hdb_catalog.event_log AS ev WHERE ev.id = il.event_id);
    ALTER TABLE hdb_catalog.event_invocation_logs
      ADD CONSTRAINT event_invocation_logs_event_id_fkey FOREIGN KEY (event_id) REFERENCES hdb_catalog.event_log (id);
  END IF;
END
$invocation_log_fkey$;

-- v1 keeps no source-catalog version
DROP TABLE IF EXISTS hdb_catalog.hdb_source_catalog_version;

-- Schema of the generated v1 objects; the event-trigger functions a v2 server keeps in hdb_catalog
-- (notify_hasura_<trigger>_<OP>) move back there, so that the triggers on the user tables keep
-- capturing events (graphql-engine's own downgrade leaves them in hdb_catalog).
CREATE SCHEMA IF NOT EXISTS hdb_views;

SELECT pg_temp.move_event_trigger_functions('hdb_catalog', 'hdb_views');
