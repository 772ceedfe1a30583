-- hdb_catalog.insert_event_log(schema_name, table_name, trigger_name, op, row_data), as defined
-- from catalog 15 up to 34.
-- Records one event for an event trigger: a new event_log row whose payload is
-- {op, data, session_variables}; the session variables are read from the 'hasura.user' setting
-- (NULL when it is not set). Returns the new event id.
CREATE OR REPLACE FUNCTION hdb_catalog.insert_event_log(schema_name text, table_name text,
                                                        trigger_name text, op text, row_data json)
  RETURNS text
  LANGUAGE plpgsql
  AS $body$
DECLARE
  new_id       text;
  session_vars json;
BEGIN
  new_id := gen_random_uuid();
  IF current_setting('server_version_num')::int >= 90600 THEN
    session_vars := current_setting('hasura.user', true);
  ELSE
    BEGIN
      session_vars := current_setting('hasura.user');
    EXCEPTION WHEN OTHERS THEN
      session_vars := NULL;
    END;
  END IF;
  INSERT INTO hdb_catalog.event_log (id, schema_name, table_name, trigger_name, payload)
  VALUES (new_id, schema_name, table_name, trigger_name,
          json_build_object('op', op, 'data', row_data, 'session_variables', session_vars));
  RETURN new_id;
END;
$body$
