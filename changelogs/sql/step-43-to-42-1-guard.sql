-- Step 43 -> 42, part 1: refuse, before anything changes, metadata that a v1 catalog cannot hold at all.
-- A v1 catalog has one hdb_table list for one Postgres database and a global allow-list, so the
-- metadata must have at most one source, of kind postgres, and no role-based allow-list entry.
-- (catalog-rollback checks the same before it starts; this guard is for plain Liquibase runs.)
-- Content that v1 merely cannot keep (inherited roles, REST endpoints, ...) is not refused here:
-- it is lost, as the changelog header says.
DO $guard$
DECLARE
  doc     json;
  reasons text[] := '{}';
  names   text;
BEGIN
  IF to_regclass('hdb_catalog.hdb_metadata') IS NULL THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: table hdb_catalog.hdb_metadata does not exist';
  END IF;
  SELECT m.metadata INTO doc FROM hdb_catalog.hdb_metadata AS m WHERE m.id = 1;
  IF doc IS NULL THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: hdb_catalog.hdb_metadata has no row with id 1';
  END IF;

  IF json_typeof(doc -> 'sources') = 'array' AND json_array_length(doc -> 'sources') > 1 THEN
    SELECT string_agg(coalesce(s ->> 'name', '?'), ', ' ORDER BY o) INTO names
      FROM json_array_elements(doc -> 'sources') WITH ORDINALITY AS e (s, o);
    reasons := reasons || format('the metadata has %s sources (%s); a v1 catalog holds exactly one Postgres database',
                                 json_array_length(doc -> 'sources'), names);
  END IF;

  IF json_typeof(doc -> 'sources') = 'array' THEN
    SELECT string_agg(format('%s (kind %s)', coalesce(s ->> 'name', '?'), coalesce(s ->> 'kind', 'none')), ', ' ORDER BY o)
      INTO names
      FROM json_array_elements(doc -> 'sources') WITH ORDINALITY AS e (s, o)
     WHERE coalesce(s ->> 'kind', '') <> 'postgres';
    IF names IS NOT NULL THEN
      reasons := reasons || format('source %s is not a Postgres source; v1 only serves Postgres', names);
    END IF;
  END IF;

  IF json_typeof(doc -> 'allowlist') = 'array' THEN
    SELECT string_agg(coalesce(a ->> 'collection', '?'), ', ' ORDER BY o) INTO names
      FROM json_array_elements(doc -> 'allowlist') WITH ORDINALITY AS e (a, o)
     WHERE json_typeof(a -> 'scope') = 'object'
       AND coalesce(a -> 'scope' ->> 'global', 'true') <> 'true';
    IF names IS NOT NULL THEN
      reasons := reasons || format('the allow-list has role-based entries (collections %s); the v1 allow-list is global only', names);
    END IF;
  END IF;

  IF cardinality(reasons) > 0 THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: %', array_to_string(reasons, '; ')
      USING HINT = 'Change the metadata with a v2 server first (drop the other sources, make the allow-list entries global); nothing was changed.';
  END IF;
END
$guard$;
