-- hdb_catalog.insert_event_log(schema_name, table_name, trigger_name, op, row_data) RETURNS text, source catalog 4 (4b).
-- The version-3 body (sql/insert_event_log@37.sql) except that on PostgreSQL >= 9.6 an empty hasura.user or
-- hasura.tracecontext setting is stored as NULL (NULLIF) instead of failing the cast to json (hasura#8498).
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
    session_var := NULLIF(current_setting('hasura.user', true), '');
    trace_ctx   := NULLIF(current_setting('hasura.tracecontext', true), '');
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
