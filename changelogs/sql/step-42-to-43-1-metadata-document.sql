-- Step 42 -> 43, part 1: the v1 metadata held in the catalog tables becomes one metadata document
-- (format version 3) in the new table hdb_catalog.hdb_metadata, row id 1, as graphql-engine's
-- from42To43 does before it drops the v1 tables (part 2).
--
-- What is read: only user metadata (is_system_defined is not true where the table has that flag):
--   hdb_table (is_enum, configuration), hdb_relationship (object/array), hdb_permission
--   (insert/select/update/delete), event_triggers (configuration), hdb_computed_field,
--   hdb_remote_relationship, hdb_function (configuration), remote_schemas, hdb_query_collection,
--   hdb_allowlist, hdb_custom_types, hdb_action + hdb_action_permission, and hdb_cron_triggers, each with its
--   include_in_metadata (graphql-engine's from42To43 takes only the cron triggers with include_in_metadata and
--   drops the others, which then stop firing; a v2 document holds both kinds, and 43 -> 42 gives the flag back).
--   Relationships, permissions, computed fields, remote relationships and event triggers of a table
--   that is not tracked (no user row in hdb_table) are left out, as graphql-engine does.
--
-- Layout written (what graphql-engine v2 reads; keys in the order its serializer writes them):
--   { "version": 3,
--     "sources": [ { "name": "default", "kind": "postgres",
--                    "tables": [ { "table": {"schema", "name"}, "is_enum"?, "configuration"?,
--                                  "object_relationships"?, "array_relationships"?, "computed_fields"?,
--                                  "remote_relationships"?, "insert_permissions"?, "select_permissions"?,
--                                  "update_permissions"?, "delete_permissions"?, "event_triggers"? } ],
--                    "functions"?: [ { "function": {"schema", "name"}, "configuration"? } ],
--                    "configuration": { "connection_info": { ... } } } ],
--     "remote_schemas"?, "query_collections"?, "allowlist"?, "actions"?, "custom_types"?, "cron_triggers"? }
--   A key marked ? is left out when it would be empty or false, as graphql-engine leaves it out.
--   Lists are sorted by name (tables and functions by schema, then name; byte order), as
--   graphql-engine sorts them.
--   The document is written as text in one statement (each list aggregated once, per table with one pass
--   over each v1 table) and parsed as JSON once at the end, so the time grows linearly with the metadata.
--   Values that v1 stored as JSON (relationship "using", permission definitions, event trigger
--   configurations, computed field and remote relationship definitions, remote schema, collection,
--   action and custom type definitions, cron trigger webhook/payload/retry/headers) are carried over
--   as they are: v1 wrote them with its own serializer and v2 reads that form. A configuration or
--   definition is left out only when v1 held the empty default '{}', so that 43 -> 42 can give
--   every row back exactly.
--   Remote relationships keep the legacy form {"name", "definition": {"remote_schema",
--   "hasura_fields", "remote_field"}}, which is how v2 itself writes relationships it took over
--   from v1.
--
-- Connection of the source "default": graphql-engine fills it from --database-url /
-- HASURA_GRAPHQL_DATABASE_URL. A catalog has no URL to offer, so this step writes what
-- graphql-engine writes when the URL comes from that environment variable (the usual v1 setup),
-- with its default pool settings, isolation level and prepared statements:
--   {"database_url": {"from_env": "HASURA_GRAPHQL_DATABASE_URL"},
--    "pool_settings": {"max_connections": 50, "idle_timeout": 180, "retries": 1,
--                      "connection_lifetime": 600},
--    "use_prepared_statements": true, "isolation_level": "read-committed"}
-- No password lands in the metadata; the v2 server must have HASURA_GRAPHQL_DATABASE_URL set (a v1
-- server needed it too). Servers that do not know a key (e.g. connection_lifetime before v2.0)
-- ignore it.

CREATE TABLE hdb_catalog.hdb_metadata (
  id       integer CONSTRAINT hdb_metadata_pkey PRIMARY KEY,
  metadata json NOT NULL
);

-- Each part is JSON text; concat_ws leaves out a part that is NULL (an absent optional key), and
-- '"key":[' || NULL || ']' is NULL, so an empty list is left out too.
INSERT INTO hdb_catalog.hdb_metadata (id, metadata)
WITH relationships AS (
  SELECT r.table_schema, r.table_name,
         string_agg(r.entry, ',' ORDER BY r.rel_name COLLATE "C") FILTER (WHERE r.rel_type = 'object') AS object_relationships,
         string_agg(r.entry, ',' ORDER BY r.rel_name COLLATE "C") FILTER (WHERE r.rel_type = 'array') AS array_relationships
    FROM (SELECT r.table_schema, r.table_name, r.rel_name, r.rel_type,
                 '{' || concat_ws(',', '"name":' || to_json(r.rel_name), '"using":' || r.rel_def::text,
                                  '"comment":' || to_json(r.comment)) || '}' AS entry
            FROM hdb_catalog.hdb_relationship AS r
           WHERE r.is_system_defined IS NOT TRUE) AS r
   GROUP BY r.table_schema, r.table_name
), permissions AS (
  SELECT p.table_schema, p.table_name,
         string_agg(p.entry, ',' ORDER BY p.role_name COLLATE "C") FILTER (WHERE p.perm_type = 'insert') AS insert_permissions,
         string_agg(p.entry, ',' ORDER BY p.role_name COLLATE "C") FILTER (WHERE p.perm_type = 'select') AS select_permissions,
         string_agg(p.entry, ',' ORDER BY p.role_name COLLATE "C") FILTER (WHERE p.perm_type = 'update') AS update_permissions,
         string_agg(p.entry, ',' ORDER BY p.role_name COLLATE "C") FILTER (WHERE p.perm_type = 'delete') AS delete_permissions
    FROM (SELECT p.table_schema, p.table_name, p.role_name, p.perm_type,
                 '{' || concat_ws(',', '"role":' || to_json(p.role_name), '"permission":' || p.perm_def::text,
                                  '"comment":' || to_json(p.comment)) || '}' AS entry
            FROM hdb_catalog.hdb_permission AS p
           WHERE p.is_system_defined IS NOT TRUE) AS p
   GROUP BY p.table_schema, p.table_name
), computed_fields AS (
  SELECT cf.table_schema, cf.table_name,
         string_agg('{' || concat_ws(',', '"name":' || to_json(cf.computed_field_name), '"definition":' || cf.definition::text,
                                     '"comment":' || to_json(cf.comment)) || '}',
                    ',' ORDER BY cf.computed_field_name COLLATE "C") AS entries
    FROM hdb_catalog.hdb_computed_field AS cf
   GROUP BY cf.table_schema, cf.table_name
), remote_relationships AS (
  SELECT rr.table_schema, rr.table_name,
         string_agg('{"name":' || to_json(rr.remote_relationship_name) || ',"definition":' || rr.definition::text || '}',
                    ',' ORDER BY rr.remote_relationship_name COLLATE "C") AS entries
    FROM hdb_catalog.hdb_remote_relationship AS rr
   GROUP BY rr.table_schema, rr.table_name
), event_triggers AS (
  -- the stored configuration is the whole v2 entry: {name, definition, retry_conf, webhook, ...}
  SELECT et.schema_name, et.table_name,
         string_agg(et.configuration::text, ',' ORDER BY et.name COLLATE "C") AS entries
    FROM hdb_catalog.event_triggers AS et
   WHERE et.configuration IS NOT NULL
   GROUP BY et.schema_name, et.table_name
), tables AS (
  -- n: the table's place in the list (tables by schema, then name, in byte order)
  SELECT t.n,
         '{' || concat_ws(',',
           '"table":' || json_build_object('schema', t.table_schema, 'name', t.table_name),
           CASE WHEN t.is_enum THEN '"is_enum":true' END,
           CASE WHEN t.configuration IS NOT NULL AND t.configuration <> '{}'::jsonb THEN '"configuration":' || t.configuration::text END,
           '"object_relationships":[' || r.object_relationships || ']',
           '"array_relationships":[' || r.array_relationships || ']',
           '"computed_fields":[' || cf.entries || ']',
           '"remote_relationships":[' || rr.entries || ']',
           '"insert_permissions":[' || p.insert_permissions || ']',
           '"select_permissions":[' || p.select_permissions || ']',
           '"update_permissions":[' || p.update_permissions || ']',
           '"delete_permissions":[' || p.delete_permissions || ']',
           '"event_triggers":[' || et.entries || ']') || '}' AS entry
    FROM (SELECT t.*, row_number() OVER (ORDER BY t.table_schema COLLATE "C", t.table_name COLLATE "C") AS n
            FROM hdb_catalog.hdb_table AS t
           WHERE t.is_system_defined IS NOT TRUE) AS t
    LEFT JOIN relationships AS r ON (r.table_schema, r.table_name) = (t.table_schema, t.table_name)
    LEFT JOIN permissions AS p ON (p.table_schema, p.table_name) = (t.table_schema, t.table_name)
    LEFT JOIN computed_fields AS cf ON (cf.table_schema, cf.table_name) = (t.table_schema::text, t.table_name::text)
    LEFT JOIN remote_relationships AS rr ON (rr.table_schema, rr.table_name) = (t.table_schema, t.table_name)
    LEFT JOIN event_triggers AS et ON (et.schema_name, et.table_name) = (t.table_schema::text, t.table_name::text)
), rest AS (
  -- everything after the list of tables, as one piece of text
  SELECT ']' || concat_ws(',', '',
    '"functions":[' || (
      SELECT string_agg('{' || concat_ws(',',
               '"function":' || json_build_object('schema', f.function_schema, 'name', f.function_name),
               CASE WHEN f.configuration IS NOT NULL AND f.configuration <> '{}'::jsonb THEN '"configuration":' || f.configuration::text END)
               || '}', ',' ORDER BY f.function_schema COLLATE "C", f.function_name COLLATE "C")
        FROM hdb_catalog.hdb_function AS f
       WHERE f.is_system_defined IS NOT TRUE) || ']',
    '"configuration":' || json_build_object('connection_info', json_build_object(
      'database_url', json_build_object('from_env', 'HASURA_GRAPHQL_DATABASE_URL'),
      'pool_settings', json_build_object('max_connections', 50, 'idle_timeout', 180, 'retries', 1,
                                         'connection_lifetime', 600),
      'use_prepared_statements', true,
      'isolation_level', 'read-committed'))) || '}]' || concat_ws(',', '',
    '"remote_schemas":[' || (
      SELECT string_agg('{' || concat_ws(',', '"name":' || to_json(rs.name), '"definition":' || rs.definition::text,
                                         '"comment":' || to_json(rs.comment)) || '}', ',' ORDER BY rs.name COLLATE "C")
        FROM hdb_catalog.remote_schemas AS rs) || ']',
    '"query_collections":[' || (
      SELECT string_agg('{' || concat_ws(',', '"name":' || to_json(qc.collection_name), '"definition":' || qc.collection_defn::text,
                                         '"comment":' || to_json(qc.comment)) || '}', ',' ORDER BY qc.collection_name COLLATE "C")
        FROM hdb_catalog.hdb_query_collection AS qc
       WHERE qc.is_system_defined IS NOT TRUE) || ']',
    -- global scope: v2 reads an entry without "scope" as global (and v2.0 knows no "scope")
    '"allowlist":[' || (
      SELECT string_agg('{"collection":' || to_json(al.collection_name) || '}', ',' ORDER BY al.collection_name COLLATE "C")
        FROM hdb_catalog.hdb_allowlist AS al
       WHERE al.collection_name IS NOT NULL) || ']',
    '"actions":[' || (
      SELECT string_agg('{' || concat_ws(',', '"name":' || to_json(a.action_name), '"definition":' || a.action_defn::text,
                                         '"comment":' || to_json(a.comment), '"permissions":[' || ap.entries || ']') || '}',
                        ',' ORDER BY a.action_name COLLATE "C")
        FROM hdb_catalog.hdb_action AS a
        LEFT JOIN (SELECT ap.action_name,
                          string_agg('{' || concat_ws(',', '"role":' || to_json(ap.role_name), '"comment":' || to_json(ap.comment)) || '}',
                                     ',' ORDER BY ap.role_name COLLATE "C") AS entries
                     FROM hdb_catalog.hdb_action_permission AS ap
                    GROUP BY ap.action_name) AS ap ON ap.action_name = a.action_name
       WHERE a.is_system_defined IS NOT TRUE) || ']',
    '"custom_types":' || (SELECT ct.custom_types::text FROM hdb_catalog.hdb_custom_types AS ct LIMIT 1),
    '"cron_triggers":[' || (
      SELECT string_agg('{' || concat_ws(',', '"name":' || to_json(c.name), '"webhook":' || c.webhook_conf::text,
                                         '"schedule":' || to_json(c.cron_schedule), '"include_in_metadata":' || c.include_in_metadata,
                                         '"payload":' || c.payload::text, '"retry_conf":' || c.retry_conf::text, '"headers":' || c.header_conf::text,
                                         '"comment":' || to_json(c.comment)) || '}', ',' ORDER BY c.name COLLATE "C")
        FROM hdb_catalog.hdb_cron_triggers AS c) || ']') || '}' AS piece
)
-- One aggregate writes the whole document: the opening, the tables (each after a comma but the first), the
-- rest. (Concatenating a document of tens of MB piece by piece would copy it once per piece.)
SELECT 1, string_agg(d.piece, d.delimiter ORDER BY d.part, d.n)::json
  FROM (SELECT 0 AS part, 0::bigint AS n, '' AS delimiter,
               '{"version":3,"sources":[{"name":"default","kind":"postgres","tables":[' AS piece
        UNION ALL
        SELECT 1, t.n, CASE WHEN t.n = 1 THEN '' ELSE ',' END, t.entry
          FROM tables AS t
        UNION ALL
        SELECT 2, 0, '', rest.piece FROM rest) AS d;
