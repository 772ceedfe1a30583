-- Step 43 -> 42, part 2: the tables of the v1 metadata catalog, empty, exactly as this changelog's
-- chain 12 -> 42 leaves them (columns in the chain's order, its constraint names; e.g.
-- hdb_table.configuration is NOT NULL DEFAULT '{}' as step 23 -> 24 added it, where graphql-engine's
-- 43_to_42 creates it nullable). Views and functions come from the shared sql/<object>@<version>.sql
-- files, listed in the changelog after this script.
-- Not created here: the foreign key hdb_cron_events -> hdb_cron_triggers (part 4 adds it after the
-- cron triggers are back, hasura#7374), and the source objects (part 5). The primary keys of hdb_table,
-- hdb_relationship and hdb_permission and the foreign keys to hdb_table are added by part 4 after the rows:
-- one bulk check is much faster than a check per row (a large metadata has hundreds of thousands of rows).

CREATE TABLE hdb_catalog.hdb_table (
  table_schema      name NOT NULL,
  table_name        name NOT NULL,
  is_system_defined boolean DEFAULT false,
  is_enum           boolean NOT NULL DEFAULT false,
  configuration     jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE hdb_catalog.hdb_relationship (
  table_schema      name NOT NULL,
  table_name        name NOT NULL,
  rel_name          text NOT NULL,
  rel_type          text,
  rel_def           jsonb NOT NULL,
  comment           text,
  is_system_defined boolean DEFAULT false,
  CONSTRAINT hdb_relationship_rel_type_check CHECK (rel_type IN ('object', 'array'))
);

CREATE TABLE hdb_catalog.hdb_remote_relationship (
  remote_relationship_name text NOT NULL,
  table_schema             name NOT NULL,
  table_name               name NOT NULL,
  definition               jsonb NOT NULL,
  CONSTRAINT hdb_remote_relationship_pkey PRIMARY KEY (remote_relationship_name, table_schema, table_name)
);

CREATE TABLE hdb_catalog.hdb_permission (
  table_schema      name NOT NULL,
  table_name        name NOT NULL,
  role_name         text NOT NULL,
  perm_type         text NOT NULL,
  perm_def          jsonb NOT NULL,
  comment           text,
  is_system_defined boolean DEFAULT false,
  CONSTRAINT hdb_permission_perm_type_check CHECK (perm_type IN ('insert', 'select', 'update', 'delete'))
);

-- no foreign key to hdb_table since catalog 40 (trigger event_trigger_table_name_update_trigger instead)
CREATE TABLE hdb_catalog.event_triggers (
  name          text CONSTRAINT event_triggers_pkey PRIMARY KEY,
  type          text NOT NULL,
  schema_name   text NOT NULL,
  table_name    text NOT NULL,
  configuration json,
  comment       text
);

CREATE TABLE hdb_catalog.hdb_function (
  function_schema   text NOT NULL,
  function_name     text NOT NULL,
  is_system_defined boolean DEFAULT false,
  configuration     jsonb NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT hdb_function_pkey PRIMARY KEY (function_schema, function_name)
);

-- a bigserial key: a serial column with its owned sequence remote_schemas_id_seq
CREATE TABLE hdb_catalog.remote_schemas (
  id         bigserial CONSTRAINT remote_schemas_pkey PRIMARY KEY,
  name       text CONSTRAINT remote_schemas_name_key UNIQUE,
  definition json,
  comment    text
);

CREATE TABLE hdb_catalog.hdb_schema_update_event (
  instance_id   uuid NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  invalidations json NOT NULL
);
CREATE UNIQUE INDEX hdb_schema_update_event_one_row
  ON hdb_catalog.hdb_schema_update_event ((occurred_at IS NOT NULL));

CREATE TABLE hdb_catalog.hdb_query_collection (
  collection_name   text CONSTRAINT hdb_query_collection_pkey PRIMARY KEY,
  collection_defn   jsonb NOT NULL,
  comment           text,
  is_system_defined boolean DEFAULT false
);

CREATE TABLE hdb_catalog.hdb_allowlist (
  collection_name text CONSTRAINT hdb_allowlist_collection_name_key UNIQUE
                       CONSTRAINT hdb_allowlist_collection_name_fkey
                       REFERENCES hdb_catalog.hdb_query_collection (collection_name)
);

CREATE TABLE hdb_catalog.hdb_computed_field (
  table_schema        text NOT NULL,
  table_name          text NOT NULL,
  computed_field_name text NOT NULL,
  definition          jsonb NOT NULL,
  comment             text,
  CONSTRAINT hdb_computed_field_pkey PRIMARY KEY (table_schema, table_name, computed_field_name)
);

CREATE TABLE hdb_catalog.hdb_action (
  action_name       text CONSTRAINT hdb_action_pkey PRIMARY KEY,
  action_defn       jsonb NOT NULL,
  comment           text,
  is_system_defined boolean DEFAULT false
);

CREATE TABLE hdb_catalog.hdb_action_permission (
  action_name text NOT NULL,
  role_name   text NOT NULL,
  definition  jsonb NOT NULL DEFAULT '{}'::jsonb,
  comment     text,
  CONSTRAINT hdb_action_permission_pkey PRIMARY KEY (action_name, role_name),
  CONSTRAINT hdb_action_permission_action_name_fkey FOREIGN KEY (action_name)
    REFERENCES hdb_catalog.hdb_action (action_name) ON UPDATE CASCADE
);

CREATE TABLE hdb_catalog.hdb_custom_types (
  custom_types jsonb NOT NULL
);

CREATE TABLE hdb_catalog.hdb_cron_triggers (
  name                text CONSTRAINT hdb_cron_triggers_pkey PRIMARY KEY,
  webhook_conf        json NOT NULL,
  cron_schedule       text NOT NULL,
  payload             json,
  retry_conf          json,
  header_conf         json,
  include_in_metadata boolean NOT NULL DEFAULT false,
  comment             text
);
