-- pg_temp.move_event_trigger_functions(from_schema, to_schema): moves the per-trigger functions that
-- graphql-engine generates for event triggers (notify_hasura_<trigger>_<OP>, no arguments) from one
-- schema to the other: v1 keeps them in hdb_views, v2 in hdb_catalog. The triggers on the user tables
-- point at the function itself, not at its schema, so they keep capturing events. Where both schemas
-- already hold a function of that name, the one a trigger uses is kept. Used by 42 -> 43 (hdb_views ->
-- hdb_catalog) and 43 -> 42 (back). A temporary function: it disappears with the session.
CREATE OR REPLACE FUNCTION pg_temp.move_event_trigger_functions(from_schema text, to_schema text) RETURNS void
LANGUAGE plpgsql AS $move$
DECLARE
  fn record;
BEGIN
  FOR fn IN
    SELECT p.oid, p.proname
      FROM pg_catalog.pg_proc AS p
      JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
     WHERE n.nspname = from_schema
       AND p.proname LIKE 'notify\_hasura\_%'
       AND p.pronargs = 0
  LOOP
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_proc AS q
                 JOIN pg_catalog.pg_namespace AS m ON m.oid = q.pronamespace
                WHERE m.nspname = to_schema AND q.proname = fn.proname AND q.pronargs = 0) THEN
      IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger AS tg WHERE tg.tgfoid = fn.oid) THEN
        EXECUTE format('DROP FUNCTION %I.%I() CASCADE', to_schema, fn.proname);
      ELSE
        EXECUTE format('DROP FUNCTION %I.%I()', from_schema, fn.proname);
        CONTINUE;
      END IF;
    END IF;
    EXECUTE format('ALTER FUNCTION %I.%I() SET SCHEMA %I', from_schema, fn.proname, to_schema);
  END LOOP;
END
$move$;
