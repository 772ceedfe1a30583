-- scripts/bench, bulk case, step 2 (runs beside rows-v2.sql): event-trigger rows in the v1-born source tables.
-- psql variables (row counts): event_log, event_log_locked (how many of them have locked set: the in-flight
-- events that the 41 -> 40 step turns back into locked = true), event_invocation_logs.
-- Ids are md5-derived UUIDs: random-looking like Hasura's, and the logs can name their event without a join.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO hdb_catalog.event_log
  (id, schema_name, table_name, trigger_name, payload, delivered, error, tries, created_at, locked, next_retry_at)
SELECT md5('event/' || i)::uuid::text,
       'public',
       'table_' || (i % 5000),
       'trigger_' || (i % 500),
       ('{"op": "UPDATE", "data": {"old": {"id": ' || i || ', "status": "pending"}, "new": {"id": ' || i
         || ', "status": "paid", "total": ' || (i % 997) || '.50, "note": "order ' || i || '"}},'
         || ' "session_variables": {"x-hasura-role": "user", "x-hasura-user-id": "' || (i % 10007) || '"},'
         || ' "trace_context": {"trace_id": "' || md5('trace/' || i) || '", "span_id": "' || left(md5('span/' || i), 16) || '"}}')::jsonb,
       NOT is_locked AND i % 10 <> 0,
       i % 50 = 0,
       CASE WHEN i % 50 = 0 THEN 5 WHEN is_locked THEN 1 ELSE 0 END,
       timestamp '2024-01-01' + i * interval '1 second',
       CASE WHEN is_locked THEN timestamptz '2025-06-01 00:00+00' + i * interval '1 millisecond' END,
       CASE WHEN i % 10 = 0 THEN timestamp '2025-06-01' + i * interval '1 second' END
  FROM (SELECT i, (i * :event_log_locked) / :event_log > ((i - 1) * :event_log_locked) / :event_log AS is_locked
          FROM generate_series(1::bigint, :event_log) AS i) AS s;

INSERT INTO hdb_catalog.event_invocation_logs (id, trigger_name, event_id, status, request, response, created_at)
SELECT md5('invocation/' || j)::uuid::text,
       'trigger_' || (e % 500),
       md5('event/' || e)::uuid::text,
       CASE WHEN j % 20 = 0 THEN 500 ELSE 200 END,
       ('{"version": "2", "type": "event", "payload": {"event": {"op": "UPDATE", "data": {"id": ' || e
         || '}}, "id": "' || md5('event/' || e)::uuid || '", "trigger": {"name": "trigger_' || (e % 500) || '"},'
         || ' "table": {"schema": "public", "name": "table_' || (e % 5000) || '"}},'
         || ' "headers": [{"name": "content-type", "value": "application/json"}]}')::json,
       ('{"type": "webhook_response", "data": {"status": ' || CASE WHEN j % 20 = 0 THEN 500 ELSE 200 END
         || ', "body": "{\"ok\": true}", "headers": [{"name": "content-length", "value": "12"}], "size": 12}}')::json,
       timestamp '2024-01-01' + e * interval '1 second' + interval '2 seconds'
  FROM (SELECT j, (j - 1) % greatest(:event_log, 1) + 1 AS e
          FROM generate_series(1::bigint, :event_invocation_logs) AS j) AS s;
