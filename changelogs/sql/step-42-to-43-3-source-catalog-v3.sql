-- Step 42 -> 43, part 3: the source objects that stay in hdb_catalog (event_log, event_invocation_logs,
-- insert_event_log) are brought to source-catalog version 3, the shape a v2 server leaves in a
-- metadata database that is also its default source, and the version is recorded in
-- hdb_source_catalog_version. Source migration 0 -> 1 (locked as timestamptz, gen_hasura_uuid()
-- defaults) is what steps 40 -> 41 and 41 -> 42 already did; this is 1 -> 2 and 2 -> 3.
-- Every statement tolerates a catalog that has some of it already (a 42 left behind by
-- graphql-engine's own downgrade keeps its source objects at version 3).

-- source 1 -> 2: one partial index for fetching undelivered events replaces three plain ones
DROP INDEX IF EXISTS hdb_catalog.event_log_locked_idx;
DROP INDEX IF EXISTS hdb_catalog.event_log_delivered_idx;
DROP INDEX IF EXISTS hdb_catalog.event_log_created_at_idx;
CREATE INDEX IF NOT EXISTS event_log_fetch_events
  ON hdb_catalog.event_log (locked NULLS FIRST, next_retry_at NULLS FIRST, created_at)
  WHERE delivered = 'f' AND error = 'f' AND archived = 'f';

-- source 2 -> 3: event-log clean-up schedule; invocation logs name their trigger and no longer
-- reference event_log (so that events can be cleaned up without their logs)
CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_event_log_cleanups (
  id                            text DEFAULT hdb_catalog.gen_hasura_uuid()
                                CONSTRAINT hdb_event_log_cleanups_pkey PRIMARY KEY,
  trigger_name                  text NOT NULL,
  scheduled_at                  timestamp NOT NULL,
  deleted_event_logs            integer,
  deleted_event_invocation_logs integer,
  status                        text NOT NULL,
  CONSTRAINT hdb_event_log_cleanups_status_check
    CHECK (status IN ('scheduled', 'paused', 'completed', 'dead')),
  CONSTRAINT hdb_event_log_cleanups_trigger_name_scheduled_at_key
    UNIQUE (trigger_name, scheduled_at)
);
ALTER TABLE hdb_catalog.event_invocation_logs ADD COLUMN IF NOT EXISTS trigger_name text;
ALTER TABLE hdb_catalog.event_invocation_logs DROP CONSTRAINT IF EXISTS event_invocation_logs_event_id_fkey;

-- the source catalog's own version, a one-row table written by upsert like hdb_version
CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_source_catalog_version (
  version     text NOT NULL,
  upgraded_on timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS hdb_source_catalog_version_one_row
  ON hdb_catalog.hdb_source_catalog_version ((version IS NOT NULL));
INSERT INTO hdb_catalog.hdb_source_catalog_version (version, upgraded_on) VALUES ('3', now())
  ON CONFLICT ((version IS NOT NULL)) DO UPDATE SET version = EXCLUDED.version, upgraded_on = EXCLUDED.upgraded_on
  WHERE CASE WHEN hdb_source_catalog_version.version ~ '^[0-9]+$'
             THEN hdb_source_catalog_version.version::int < 3 ELSE true END;
