-- hdb_catalog.gen_hasura_uuid(): the UUID default of every id column in the catalog.
-- A wrapper, so that dropping pgcrypto or the public schema does not silently drop the defaults
-- (hasura#4217). It relies on gen_random_uuid() being reachable through the search_path.
CREATE OR REPLACE FUNCTION hdb_catalog.gen_hasura_uuid() RETURNS uuid
  LANGUAGE sql
  AS 'select gen_random_uuid()'
