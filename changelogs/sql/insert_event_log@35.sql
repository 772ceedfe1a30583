-- hdb_catalog.insert_event_log(schema_name, table_name, trigger_name, op, row_data) RETURNS text,
-- as defined at catalog 35 and 36 (v1.3.0).
-- As before, plus the payload key "trace_context", read from the transaction setting
-- hasura.tracecontext. On PostgreSQL >= 9.6 that setting is read WITHOUT the missing_ok flag, so
-- inserting into a table with an event trigger outside graphql-engine (setting absent) fails with
-- "unrecognized configuration parameter"; catalog 36 -> 37 fixes that (insert_event_log@37.sql).
CREATE OR REPLACE FUNCTION hdb_catalog.insert_event_log(schema_name text, table_name text, trigger_name text, op text, row_data json)
  RETURNS text
  LANGUAGE plpgsql
  AS $insert_event$
DECLARE
  new_id      text := gen_random_uuid();
  session_var json;
  trace_ctx   json;
BEGIN
  IF current_setting('server_version_num')::int >= 90600 THEN
    session_var := current_setting('hasura.user', true);
    trace_ctx   := current_setting('hasura.tracecontext');
  ELSE
    BEGIN
      session_var := current_setting('hasura.user');
    EXCEPTION WHEN OTHERS THEN
      session_var := NULL;
    END;
    BEGIN
      trace_ctx := current_setting('hasura.tracecontext');
    EXCEPTION WHEN OTHERS THEN
      trace_ctx := NULL;
    END;
  END IF;
  INSERT INTO hdb_catalog.event_log (id, schema_name, table_name, trigger_name, payload)
  VALUES (new_id, schema_name, table_name, trigger_name,
          json_build_object('op', op, 'data', row_data,
                            'session_variables', session_var, 'trace_context', trace_ctx));
  RETURN new_id;
END;
$insert_event$;
