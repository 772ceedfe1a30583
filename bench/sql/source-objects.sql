-- scripts/bench, bulk case, step 1 of 3: the source-catalog objects that a v1-born catalog at 43 or above
-- keeps in hdb_catalog (the metadata database was also Hasura's default source; see the shared catalog facts
-- §4.2 and §8): hdb_source_catalog_version (source catalog 3), event_log, event_invocation_logs,
-- hdb_event_log_cleanups and insert_event_log(), in the shape of source catalog 3 (locked is a timestamptz,
-- no foreign key from the invocation logs to event_log).
--
-- Runs on a catalog made by `catalog-rollback init --to-version 48`. Everything is created only when it is
-- missing, so a catalog that a future init already makes v1-born is left as it is. The primary keys and
-- indexes of event_log and event_invocation_logs come in finish.sql, after the rows are loaded (an index
-- built once is much faster than 5 M random inserts into it).
\set ON_ERROR_STOP on

CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_source_catalog_version (
  version     TEXT NOT NULL,
  upgraded_on TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS hdb_source_catalog_version_one_row
  ON hdb_catalog.hdb_source_catalog_version ((version IS NOT NULL));
INSERT INTO hdb_catalog.hdb_source_catalog_version (version, upgraded_on) VALUES ('3', now())
  ON CONFLICT ((version IS NOT NULL)) DO NOTHING;

CREATE TABLE IF NOT EXISTS hdb_catalog.event_log (
  id            TEXT DEFAULT hdb_catalog.gen_hasura_uuid(),
  schema_name   TEXT NOT NULL,
  table_name    TEXT NOT NULL,
  trigger_name  TEXT NOT NULL,
  payload       JSONB NOT NULL,
  delivered     BOOLEAN NOT NULL DEFAULT false,
  error         BOOLEAN NOT NULL DEFAULT false,
  tries         INTEGER NOT NULL DEFAULT 0,
  created_at    TIMESTAMP DEFAULT now(),
  locked        TIMESTAMPTZ,
  next_retry_at TIMESTAMP,
  archived      BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS hdb_catalog.event_invocation_logs (
  id           TEXT DEFAULT hdb_catalog.gen_hasura_uuid(),
  trigger_name TEXT,
  event_id     TEXT,
  status       INTEGER,
  request      JSON,
  response     JSON,
  created_at   TIMESTAMP DEFAULT now()
);

CREATE TABLE IF NOT EXISTS hdb_catalog.hdb_event_log_cleanups (
  id                            TEXT DEFAULT hdb_catalog.gen_hasura_uuid() PRIMARY KEY,
  trigger_name                  TEXT NOT NULL,
  scheduled_at                  TIMESTAMP NOT NULL,
  deleted_event_logs            INTEGER,
  deleted_event_invocation_logs INTEGER,
  status                        TEXT NOT NULL,
  CHECK (status IN ('scheduled', 'paused', 'completed', 'dead')),
  UNIQUE (trigger_name, scheduled_at)
);

-- Writes one event and returns its id: the version-3 body the changelogs themselves write (source catalog 3 is
-- exactly what v2.13 … v2.45 leave; a body of our own would read as another version's shape and be refused).
\i changelogs/sql/insert_event_log@37.sql
