-- scripts/bench, bulk case, step 2 (runs beside rows-source.sql): rows in the v2 tables that exist at 48.
-- psql variables (row counts): cron_events, cron_invocation_logs, scheduled_events,
-- scheduled_invocation_logs, action_log. One cron event in ten is still 'scheduled' (what the partial unique
-- index of step 45 -> 46 covers), the rest delivered or dead; their 100 cron triggers are in the metadata.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- The logs reference their events by construction; no per-row foreign-key checks while loading.
SET session_replication_role = replica;

INSERT INTO hdb_catalog.hdb_cron_events (id, trigger_name, scheduled_time, status, tries, created_at, next_retry_at)
SELECT md5('cron/' || i)::uuid::text,
       'cron_' || (i % 100),
       timestamptz '2024-01-01 00:00+00' + i * interval '1 minute',
       CASE WHEN i % 10 = 0 THEN 'scheduled' WHEN i % 97 = 0 THEN 'dead' ELSE 'delivered' END,
       CASE WHEN i % 97 = 0 THEN 5 WHEN i % 10 = 0 THEN 0 ELSE 1 END,
       timestamptz '2024-01-01 00:00+00' + i * interval '1 second',
       NULL
  FROM generate_series(1::bigint, :cron_events) AS i;

-- The cron triggers those events belong to (cron_0 … cron_99), declared where v2 keeps them: in the metadata
-- document. Without them every cron event would be an orphan, which a real catalog does not have (and which
-- the v2 -> v1 step 43 -> 42 deletes).
UPDATE hdb_catalog.hdb_metadata
   SET metadata = jsonb_set(metadata::jsonb, '{cron_triggers}',
         (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'name', 'cron_' || t, 'webhook', 'https://hooks.example.com/cron', 'schedule', '*/5 * * * *',
                   'include_in_metadata', true, 'payload', jsonb_build_object('job', t),
                   'retry_conf', jsonb_build_object('num_retries', 1, 'retry_interval_seconds', 10,
                                                    'timeout_seconds', 60, 'tolerance_seconds', 21600),
                   'headers', '[]'::jsonb, 'comment', 'bench') ORDER BY t), '[]'::jsonb)
            FROM generate_series(0, least(:cron_events, 100) - 1) AS t))
 WHERE id = 1;

INSERT INTO hdb_catalog.hdb_cron_event_invocation_logs (id, event_id, status, request, response, created_at)
SELECT md5('cron-invocation/' || j)::uuid::text,
       md5('cron/' || e)::uuid::text,
       CASE WHEN j % 97 = 0 THEN 500 ELSE 200 END,
       ('{"version": "2", "type": "cron_event", "payload": {"name": "cron_' || (e % 100) || '", "id": "'
         || md5('cron/' || e)::uuid || '", "scheduled_time": "2024-01-01T00:00:00Z", "payload": {"job": ' || e || '}},'
         || ' "headers": [{"name": "content-type", "value": "application/json"}]}')::json,
       '{"type": "webhook_response", "data": {"status": 200, "body": "{\"ok\": true}", "headers": [], "size": 12}}'::json,
       timestamptz '2024-01-01 00:00+00' + e * interval '1 minute' + interval '1 second'
  FROM (SELECT j, (j - 1) % greatest(:cron_events, 1) + 1 AS e
          FROM generate_series(1::bigint, :cron_invocation_logs) AS j) AS s;

INSERT INTO hdb_catalog.hdb_scheduled_events
  (id, webhook_conf, scheduled_time, retry_conf, payload, header_conf, status, tries, created_at, next_retry_at, comment)
SELECT md5('scheduled/' || i)::uuid::text,
       '{"url": "https://hooks.example.com/reminder"}'::json,
       timestamptz '2024-01-01 00:00+00' + i * interval '30 seconds',
       '{"num_retries": 3, "retry_interval_seconds": 10, "timeout_seconds": 60, "tolerance_seconds": 21600}'::json,
       ('{"reminder": ' || i || ', "user_id": ' || (i % 10007) || '}')::json,
       '[]'::json,
       CASE WHEN i % 10 = 0 THEN 'scheduled' WHEN i % 97 = 0 THEN 'error' ELSE 'delivered' END,
       CASE WHEN i % 97 = 0 THEN 3 ELSE 1 END,
       timestamptz '2024-01-01 00:00+00' + i * interval '1 second',
       NULL,
       CASE WHEN i % 3 = 0 THEN 'reminder ' || i END
  FROM generate_series(1::bigint, :scheduled_events) AS i;

INSERT INTO hdb_catalog.hdb_scheduled_event_invocation_logs (id, event_id, status, request, response, created_at)
SELECT md5('scheduled-invocation/' || j)::uuid::text,
       md5('scheduled/' || e)::uuid::text,
       CASE WHEN j % 97 = 0 THEN 500 ELSE 200 END,
       ('{"version": "2", "type": "scheduled_event", "payload": {"id": "' || md5('scheduled/' || e)::uuid
         || '", "payload": {"reminder": ' || e || '}}}')::json,
       '{"type": "webhook_response", "data": {"status": 200, "body": "{\"ok\": true}", "headers": [], "size": 12}}'::json,
       timestamptz '2024-01-01 00:00+00' + e * interval '30 seconds' + interval '1 second'
  FROM (SELECT j, (j - 1) % greatest(:scheduled_events, 1) + 1 AS e
          FROM generate_series(1::bigint, :scheduled_invocation_logs) AS j) AS s;

INSERT INTO hdb_catalog.hdb_action_log
  (id, action_name, input_payload, request_headers, session_variables, response_payload, errors, created_at,
   response_received_at, status)
SELECT md5('action/' || i)::uuid,
       'action_' || (i % 200),
       ('{"input": {"order_id": ' || i || ', "amount": ' || (i % 997) || '}}')::jsonb,
       '{"content-type": "application/json", "user-agent": "bench"}'::jsonb,
       ('{"x-hasura-role": "user", "x-hasura-user-id": "' || (i % 10007) || '"}')::jsonb,
       CASE WHEN i % 20 <> 0 THEN ('{"ok": true, "id": ' || i || '}')::jsonb END,
       CASE WHEN i % 20 = 0 THEN '{"message": "timeout"}'::jsonb END,
       timestamptz '2024-01-01 00:00+00' + i * interval '1 second',
       timestamptz '2024-01-01 00:00+00' + i * interval '1 second' + interval '150 milliseconds',
       CASE WHEN i % 20 = 0 THEN 'error' ELSE 'completed' END
  FROM generate_series(1::bigint, :action_log) AS i;
