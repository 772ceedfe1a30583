-- Step 42 -> 43, part 3: the source objects that stay in hdb_catalog (event_log, event_invocation_logs,
-- insert_event_log) are at source catalog 3 after sql/source-step-1-to-2.sql and sql/source-step-2-to-3.sql (the
-- forward blocks of the source changelog, run just before this file); the version is recorded here in
-- hdb_source_catalog_version, the shape a v2 server leaves in a metadata database that is also its default source.
-- Source migration 0 -> 1 (locked as timestamptz, gen_hasura_uuid() defaults) is what steps 40 -> 41 and 41 -> 42
-- already did. catalog-rollback then moves the source catalog on to what the run's target needs (source/master.yaml;
-- e.g. 2 for catalog 47), in the same transaction.
-- Tolerates a catalog that has the table already (a 42 left behind by graphql-engine's own downgrade keeps its source
-- objects), and never lowers a version it finds there.
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
