-- hdb_catalog.hdb_schema_update_event_notifier(), as defined from catalog 31 on.
-- Same as before, but the NOTIFY payload on channel hasura_schema_update also carries the new
-- invalidations column: {"instance_id": ..., "occurred_at": ..., "invalidations": ...}.
CREATE OR REPLACE FUNCTION hdb_catalog.hdb_schema_update_event_notifier() RETURNS trigger
  LANGUAGE plpgsql
  AS $notifier$
BEGIN
  PERFORM pg_notify('hasura_schema_update',
                    json_build_object('instance_id',   NEW.instance_id,
                                      'occurred_at',   NEW.occurred_at,
                                      'invalidations', NEW.invalidations)::text);
  -- AFTER trigger: the return value is ignored
  RETURN NULL;
END;
$notifier$;
