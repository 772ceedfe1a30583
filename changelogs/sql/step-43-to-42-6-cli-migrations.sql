-- Step 43 -> 42, part 6: the Hasura CLI's migration state goes back where a v1 CLI reads it.
-- A project that uses `hasura migrate` keeps its applied versions in hdb_catalog.schema_migrations (version
-- bigint, dirty boolean), a table the CLI creates, not the server. A config v3 CLI (Hasura v2) keeps them in
-- hdb_version.cli_state instead: {"migrations": {"<database>": {"<version>": <dirty>, ...}}, ...}. Versions applied
-- while on v2 are only there; a v1 CLI would apply them again. So, where schema_migrations exists, each version
-- that cli_state records for the database "default" (the one database of a v1 project) and that
-- schema_migrations lacks is added, with its dirty flag (false unless cli_state says true). Nothing is removed
-- or changed; cli_state stays as it is. Without schema_migrations nothing happens (the project never used a v1
-- CLI's migrations, or uses the server's state only). catalog-rollback's plan counts the same versions
-- (metadata/MetadataDowngradeCheck.java).
DO $cli_migrations$
BEGIN
  IF to_regclass('hdb_catalog.schema_migrations') IS NOT NULL THEN
    INSERT INTO hdb_catalog.schema_migrations (version, dirty)
    SELECT cli.version::bigint, cli.dirty
      FROM (SELECT m.key AS version, jsonb_typeof(m.value) = 'boolean' AND m.value = 'true'::jsonb AS dirty
              FROM hdb_catalog.hdb_version AS v,
                   jsonb_each(CASE WHEN jsonb_typeof(v.cli_state::jsonb -> 'migrations' -> 'default') = 'object'
                                   THEN v.cli_state::jsonb -> 'migrations' -> 'default' ELSE '{}'::jsonb END) AS m
             WHERE m.key ~ '^[0-9]{1,18}$') AS cli
     WHERE NOT EXISTS (SELECT 1 FROM hdb_catalog.schema_migrations AS s WHERE s.version = cli.version::bigint)
     ORDER BY cli.version::bigint;
  END IF;
END
$cli_migrations$;
