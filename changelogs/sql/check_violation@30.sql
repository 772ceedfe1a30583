-- hdb_catalog.check_violation(msg text) RETURNS bool, from catalog 30 on.
-- Raises SQLSTATE check_violation (23514) with the given message. graphql-engine calls it inside the
-- CHECK expression of insert permissions, instead of routing inserts through views in hdb_views.
CREATE OR REPLACE FUNCTION hdb_catalog.check_violation(msg text) RETURNS boolean
  LANGUAGE plpgsql
  AS $check$
BEGIN
  RAISE check_violation USING MESSAGE = msg;
END;
$check$;
