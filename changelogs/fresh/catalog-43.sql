-- A fresh Hasura v2 catalog at 43: what a v2 server's first start creates in an empty metadata database that
-- is not also a data source (so no event_log: each source keeps its own). `catalog-rollback init --to-version N`
-- for N >= 43 runs this file, records the changelog as run up to tag catalog-43 (changelog-sync-to-tag), then
-- runs the steps 44 ... N. Catalogs that came from v1 through step-42-to-43 keep the event_log objects instead.
-- Not a Liquibase changeset on purpose: the changelog's own history of 43 is the path from v1 (catalog-43.yaml).

CREATE SCHEMA IF NOT EXISTS hdb_catalog;
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public;

CREATE OR REPLACE FUNCTION hdb_catalog.gen_hasura_uuid() RETURNS uuid
  LANGUAGE sql
  AS 'select gen_random_uuid()';

CREATE TABLE hdb_catalog.hdb_version (
  hasura_uuid   uuid        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  version       text        NOT NULL,
  upgraded_on   timestamptz NOT NULL,
  cli_state     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  console_state jsonb       NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT hdb_version_pkey PRIMARY KEY (hasura_uuid)
);
CREATE UNIQUE INDEX hdb_version_one_row ON hdb_catalog.hdb_version ((version IS NOT NULL));

CREATE TABLE hdb_catalog.hdb_metadata (
  id       integer NOT NULL,
  metadata json    NOT NULL,
  CONSTRAINT hdb_metadata_pkey PRIMARY KEY (id)
);

CREATE TABLE hdb_catalog.hdb_action_log (
  id                   uuid        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  action_name          text,
  input_payload        jsonb       NOT NULL,
  request_headers      jsonb       NOT NULL,
  session_variables    jsonb       NOT NULL,
  response_payload     jsonb,
  errors               jsonb,
  created_at           timestamptz NOT NULL DEFAULT now(),
  response_received_at timestamptz,
  status               text        NOT NULL,
  CONSTRAINT hdb_action_log_pkey PRIMARY KEY (id),
  CONSTRAINT hdb_action_log_status_check CHECK (status IN ('created', 'processing', 'completed', 'error'))
);

CREATE TABLE hdb_catalog.hdb_cron_events (
  id             text        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  trigger_name   text        NOT NULL,
  scheduled_time timestamptz NOT NULL,
  status         text        NOT NULL DEFAULT 'scheduled',
  tries          integer     NOT NULL DEFAULT 0,
  created_at     timestamptz DEFAULT now(),
  next_retry_at  timestamptz,
  CONSTRAINT hdb_cron_events_pkey PRIMARY KEY (id),
  CONSTRAINT valid_status CHECK (status IN ('scheduled', 'locked', 'delivered', 'error', 'dead'))
);
CREATE INDEX hdb_cron_event_status ON hdb_catalog.hdb_cron_events (status);

CREATE TABLE hdb_catalog.hdb_cron_event_invocation_logs (
  id         text        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  event_id   text,
  status     integer,
  request    json,
  response   json,
  created_at timestamptz DEFAULT now(),
  CONSTRAINT hdb_cron_event_invocation_logs_pkey PRIMARY KEY (id),
  CONSTRAINT hdb_cron_event_invocation_logs_event_id_fkey FOREIGN KEY (event_id)
    REFERENCES hdb_catalog.hdb_cron_events (id) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE hdb_catalog.hdb_scheduled_events (
  id             text        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  webhook_conf   json        NOT NULL,
  scheduled_time timestamptz NOT NULL,
  retry_conf     json,
  payload        json,
  header_conf    json,
  status         text        NOT NULL DEFAULT 'scheduled',
  tries          integer     NOT NULL DEFAULT 0,
  created_at     timestamptz DEFAULT now(),
  next_retry_at  timestamptz,
  comment        text,
  CONSTRAINT hdb_scheduled_events_pkey PRIMARY KEY (id),
  CONSTRAINT valid_status CHECK (status IN ('scheduled', 'locked', 'delivered', 'error', 'dead'))
);
CREATE INDEX hdb_scheduled_event_status ON hdb_catalog.hdb_scheduled_events (status);

CREATE TABLE hdb_catalog.hdb_scheduled_event_invocation_logs (
  id         text        NOT NULL DEFAULT hdb_catalog.gen_hasura_uuid(),
  event_id   text,
  status     integer,
  request    json,
  response   json,
  created_at timestamptz DEFAULT now(),
  CONSTRAINT hdb_scheduled_event_invocation_logs_pkey PRIMARY KEY (id),
  CONSTRAINT hdb_scheduled_event_invocation_logs_event_id_fkey FOREIGN KEY (event_id)
    REFERENCES hdb_catalog.hdb_scheduled_events (id) ON UPDATE CASCADE ON DELETE CASCADE
);

-- First start: empty metadata (version 3, no sources) and the catalog version.
INSERT INTO hdb_catalog.hdb_metadata (id, metadata) VALUES (1, '{"version":3,"sources":[]}');
INSERT INTO hdb_catalog.hdb_version (version, upgraded_on) VALUES ('43', now())
  ON CONFLICT ((version IS NOT NULL)) DO UPDATE SET version = EXCLUDED.version, upgraded_on = EXCLUDED.upgraded_on;
