-- Source catalog 2 -> 3 (forward), shared by the source changelog (source/source-3.yaml) and by step 42 -> 43 of the
-- metadata changelog (catalog-43.yaml). Event-log clean-up schedule; invocation logs name their trigger and no
-- longer reference event_log, so that events can be cleaned up without their logs. Constraint names are the ones
-- Hasura's 2_to_3 leaves. Tolerates a catalog that has some of it already (IF [NOT] EXISTS).
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
