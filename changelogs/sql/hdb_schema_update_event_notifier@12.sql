-- hdb_catalog.hdb_schema_update_event_notifier(), as defined at catalog 12 (and earlier) up to 30.
-- Trigger function on hdb_schema_update_event: announces a metadata change on the channel
-- 'hasura_schema_update' with a JSON payload {instance_id, occurred_at}, so that the other servers
-- reload their schema cache. It is an AFTER trigger, so the returned value is ignored.
CREATE OR REPLACE FUNCTION hdb_catalog.hdb_schema_update_event_notifier() RETURNS trigger
  LANGUAGE plpgsql
  AS $body$
BEGIN
  PERFORM pg_notify('hasura_schema_update',
                    json_build_object('instance_id', NEW.instance_id,
                                      'occurred_at', NEW.occurred_at)::text);
  RETURN NULL;
END;
$body$
