-- Reference for HasuraEquivalenceTest: the catalog that a Hasura v2.23+ server (catalog 48) creates on its
-- first start in an empty metadata database, written out from the description of its initialise.sql in
-- shared/hasura-catalog-facts.md §5 (tables in the same order, plain DDL, no Liquibase involved).
CREATE SCHEMA hdb_catalog;
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public;

CREATE FUNCTION hdb_catalog.gen_hasura_uuid() RETURNS uuid LANGUAGE sql AS 'select gen_random_uuid()';

CREATE TABLE hdb_catalog.hdb_version (
  hasura_uuid uuid PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  version text NOT NULL,
  upgraded_on timestamptz NOT NULL,
  cli_state jsonb NOT NULL DEFAULT '{}'::jsonb,
  console_state jsonb NOT NULL DEFAULT '{}'::jsonb,
  ee_client_id text,
  ee_client_secret text
);
CREATE UNIQUE INDEX hdb_version_one_row ON hdb_catalog.hdb_version ((version IS NOT NULL));

CREATE TABLE hdb_catalog.hdb_metadata (
  id integer PRIMARY KEY,
  metadata json NOT NULL,
  resource_version integer NOT NULL DEFAULT 1 UNIQUE
);

CREATE TABLE hdb_catalog.hdb_action_log (
  id uuid PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  action_name text,
  input_payload jsonb NOT NULL,
  request_headers jsonb NOT NULL,
  session_variables jsonb NOT NULL,
  response_payload jsonb,
  errors jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  response_received_at timestamptz,
  status text NOT NULL CHECK (status IN ('created', 'processing', 'completed', 'error'))
);

CREATE TABLE hdb_catalog.hdb_cron_events (
  id text PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  trigger_name text NOT NULL,
  scheduled_time timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled',
  tries integer NOT NULL DEFAULT 0,
  created_at timestamptz DEFAULT now(),
  next_retry_at timestamptz,
  CONSTRAINT valid_status CHECK (status IN ('scheduled', 'locked', 'delivered', 'error', 'dead'))
);
CREATE INDEX hdb_cron_event_status ON hdb_catalog.hdb_cron_events (status);
CREATE UNIQUE INDEX hdb_cron_events_unique_scheduled ON hdb_catalog.hdb_cron_events (trigger_name, scheduled_time)
  WHERE status = 'scheduled';

CREATE TABLE hdb_catalog.hdb_cron_event_invocation_logs (
  id text PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  event_id text REFERENCES hdb_catalog.hdb_cron_events (id) ON UPDATE CASCADE ON DELETE CASCADE,
  status integer,
  request json,
  response json,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX hdb_cron_event_invocation_event_id ON hdb_catalog.hdb_cron_event_invocation_logs (event_id);

CREATE TABLE hdb_catalog.hdb_scheduled_events (
  id text PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  webhook_conf json NOT NULL,
  scheduled_time timestamptz NOT NULL,
  retry_conf json,
  payload json,
  header_conf json,
  status text NOT NULL DEFAULT 'scheduled',
  tries integer NOT NULL DEFAULT 0,
  created_at timestamptz DEFAULT now(),
  next_retry_at timestamptz,
  comment text,
  CONSTRAINT valid_status CHECK (status IN ('scheduled', 'locked', 'delivered', 'error', 'dead'))
);
CREATE INDEX hdb_scheduled_event_status ON hdb_catalog.hdb_scheduled_events (status);

CREATE TABLE hdb_catalog.hdb_scheduled_event_invocation_logs (
  id text PRIMARY KEY DEFAULT hdb_catalog.gen_hasura_uuid(),
  event_id text REFERENCES hdb_catalog.hdb_scheduled_events (id) ON DELETE CASCADE ON UPDATE CASCADE,
  status integer,
  request json,
  response json,
  created_at timestamptz DEFAULT now()
);

CREATE TABLE hdb_catalog.hdb_schema_notifications (
  id integer PRIMARY KEY CHECK (id = 1),
  notification json NOT NULL,
  resource_version integer NOT NULL DEFAULT 1,
  instance_id uuid NOT NULL,
  updated_at timestamptz DEFAULT now()
);

INSERT INTO hdb_catalog.hdb_version (version, upgraded_on) VALUES ('48', now());
