-- Step 43 -> 42, part 1: read the metadata document, and refuse, before anything changes, a document that a v1
-- catalog cannot take at all:
--   - not v2 metadata: not a JSON object, no "version": 3, or "sources" that is not a list of objects (moving
--     such a value would leave an empty v1 catalog behind a "successful" run);
--   - more than one source, a source that is not Postgres ("kind" postgres or pg; a source without a kind is
--     Postgres), or a role-based allow-list entry: v1 has one hdb_table list for one Postgres database and a
--     global allow-list.
-- catalog-rollback checks the same before it starts (metadata/MetadataAccount.java, with the same messages);
-- this guard is for plain Liquibase runs. Content that v1 merely cannot hold (inherited roles, REST endpoints,
-- ...) is not refused here: it is lost; `catalog-rollback plan --to-version 42` lists every such item by path, and
-- catalog-rollback refuses it unless --accept-metadata-loss.
--
-- Reading: a document can be tens of MB. PostgreSQL decompresses a stored json value at every use and parses
-- json text again for every operator applied to it, and turning a whole large document into jsonb at once is
-- slow; so one statement reads the document once: the top-level keys part 4 needs (json_to_record), the sources'
-- names and kinds and the first source's tables and functions (one json_to_recordset), then each table and
-- function (json_array_elements) as its own small jsonb value (for a large document, the first source's tables are
-- taken out first and that statement reads the rest: "Reading a large document" below), into the
-- temporary table catalog_rollback_part (and the small parts also into catalog_rollback_doc, below), which part 4
-- reads and drops:
--   part 'document', name = key   version, remote_schemas, query_collections, allowlist, actions, custom_types,
--                                 cron_triggers, as jsonb
--   part 'sources', name = type   the JSON type of "sources"
--   part 'source', n, name        each source; value = {"kind": ...}
--   part 'table' / 'function'     the tables and functions of the first (and only) source, one jsonb entry each
-- (toast_tuple_target: entries of up to 8 kB stay uncompressed, since part 4 reads each of them several times.)
-- The tables are nearly all of it (about 90 MB for a 50 MB document), so every part but 'table' is copied once into
-- the small temporary table catalog_rollback_doc, and the checks below and part 4 read the small parts from there:
-- a dozen scans of the large table for a handful of rows took about half a second.
CREATE TEMPORARY TABLE catalog_rollback_part (part text NOT NULL, n bigint, name text, value jsonb)
  WITH (toast_tuple_target = 8160);
CREATE TEMPORARY TABLE catalog_rollback_doc (part text NOT NULL, n bigint, name text, value jsonb);

DO $guard$
DECLARE
  doc_type text;
  reasons  text[] := '{}';
  names    text;
  n        bigint;
  sources_not_objects boolean := false;
  work_mem_before text := current_setting('work_mem');
  -- the shortcut (see below)
  placeholder  constant text := '["catalog-rollback: the tables of the first source"]';
  rest         text;
  shortcut     boolean;
BEGIN
  IF to_regclass('hdb_catalog.hdb_metadata') IS NULL THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: table hdb_catalog.hdb_metadata does not exist';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM hdb_catalog.hdb_metadata AS m WHERE m.id = 1) THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: hdb_catalog.hdb_metadata has no row with id 1';
  END IF;

  -- json_to_record and json_to_recordset hand over their rows in a tuplestore: with the default work_mem (4 MB) the
  -- sources and the first source's tables, each nearly the whole document, go through a temporary file
  PERFORM set_config('work_mem', '256MB', true);

  -- Reading a large document. Nearly all of it is the first source's tables, and the reading below (attempt 2)
  -- costs two parses of all of it, two more for json's input check of the json columns it returns, and several
  -- copies: about 4.5 s for 50 MB. So attempt 1 takes a shortcut: json_extract_path takes the tables' text out in
  -- one parse (their rows are inserted right away), replace() puts a placeholder in its place, and the reading
  -- below reads that rest -- a few kB -- with the placeholder in place of the tables. That gives the same rows as
  -- reading the whole document whenever the placeholder occurs exactly once in the rest and the reading takes it
  -- for the first source's tables: then the tables' text occurred once, the text before and after it is read alike
  -- in both, and the value there is the tables' text in the document. Otherwise (the same text elsewhere too,
  -- duplicate keys for which json_extract_path picks another value than the reading's "the last key counts", a
  -- document that is no object, ...) the attempt's rows are rolled back and attempt 2 reads the whole document.
  -- Measured at 50 MB: 3.6-3.8 s for the step's reading against 4.8-5.8 s (the same load, interleaved).
  FOR attempt IN 1..2 LOOP
    shortcut := attempt = 1;
    BEGIN
      IF shortcut THEN
        -- the first source's tables, and the rest of the document (a row 'rest'); NULL rest: no shortcut
        WITH shortcut_rows AS (
          INSERT INTO catalog_rollback_part (part, name, value)
          SELECT r.part, r.name, r.value
            FROM hdb_catalog.hdb_metadata AS m
           CROSS JOIN LATERAL (SELECT json_extract_path(m.metadata, 'sources', '0', 'tables') AS tables OFFSET 0) AS b
           CROSS JOIN LATERAL (
             SELECT 'rest', replace(m.metadata::text, b.tables::text, placeholder), NULL::jsonb
              WHERE json_typeof(b.tables) = 'array'
             UNION ALL
             SELECT 'table', NULL, t::jsonb
               FROM json_array_elements(CASE WHEN json_typeof(b.tables) = 'array' THEN b.tables END) AS t
           ) AS r (part, name, value)
           WHERE m.id = 1
          RETURNING part, name
        )
        SELECT r.name INTO rest FROM shortcut_rows AS r WHERE r.part = 'rest';
        IF rest IS NULL THEN
          RAISE EXCEPTION 'catalog-rollback: no shortcut';
        END IF;
      END IF;
      INSERT INTO catalog_rollback_part (part, n, name, value)
      SELECT p.part, p.n, p.name, p.value
        FROM (SELECT CASE WHEN shortcut THEN rest::json ELSE m.metadata END AS metadata
                FROM hdb_catalog.hdb_metadata AS m WHERE m.id = 1) AS m
       CROSS JOIN LATERAL json_to_record(m.metadata) AS x (version json, sources json, remote_schemas json, query_collections json,
                                                           allowlist json, actions json, custom_types json, cron_triggers json)
       CROSS JOIN LATERAL (
         SELECT 'document', NULL::bigint, k.key, k.value::jsonb
           FROM (VALUES ('version', x.version), ('remote_schemas', x.remote_schemas), ('query_collections', x.query_collections),
                        ('allowlist', x.allowlist), ('actions', x.actions), ('custom_types', x.custom_types),
                        ('cron_triggers', x.cron_triggers)) AS k (key, value)
          WHERE k.value IS NOT NULL
         UNION ALL
         SELECT 'sources', NULL, json_typeof(x.sources), NULL
          WHERE x.sources IS NOT NULL
         UNION ALL
         SELECT e.part, e.n, e.name, e.value
           FROM ROWS FROM (json_to_recordset(CASE WHEN json_typeof(x.sources) = 'array' THEN x.sources END)
                           AS (name text, kind text, tables json, functions json))
                  WITH ORDINALITY AS s (name, kind, tables, functions, n)
          CROSS JOIN LATERAL (
            SELECT 'source', s.n, s.name, jsonb_build_object('kind', s.kind)
            UNION ALL
            SELECT 'table', NULL, NULL, t::jsonb
              FROM json_array_elements(CASE WHEN NOT shortcut AND s.n = 1 AND json_typeof(s.tables) = 'array' THEN s.tables END) AS t
            UNION ALL
            SELECT 'placeholder', NULL, s.tables::text, NULL WHERE shortcut AND s.n = 1
            UNION ALL
            SELECT 'function', NULL, NULL, f::jsonb
              FROM json_array_elements(CASE WHEN s.n = 1 AND json_typeof(s.functions) = 'array' THEN s.functions END) AS f
          ) AS e (part, n, name, value)
       ) AS p (part, n, name, value);
      IF shortcut THEN
        IF (SELECT count(*) FILTER (WHERE p.name = placeholder) <> 1 OR count(*) <> 1
              FROM catalog_rollback_part AS p WHERE p.part = 'placeholder')
           OR octet_length(rest) - octet_length(replace(rest, placeholder, '')) <> octet_length(placeholder) THEN
          RAISE EXCEPTION 'catalog-rollback: the shortcut does not apply';
        END IF;
      END IF;
      INSERT INTO catalog_rollback_doc (part, n, name, value)
      SELECT p.part, p.n, p.name, p.value FROM catalog_rollback_part AS p WHERE p.part NOT IN ('table', 'rest', 'placeholder');
      EXIT;
    EXCEPTION
    WHEN OTHERS THEN
      IF shortcut THEN
        CONTINUE; -- its rows are gone with the block: read the whole document
      ELSIF SQLSTATE <> '22023' THEN -- invalid_parameter_value
        RAISE;
      END IF;
      -- json_to_record refuses a document that is not an object; json_to_recordset a source that is not an object
      SELECT json_typeof(m.metadata) INTO doc_type FROM hdb_catalog.hdb_metadata AS m WHERE m.id = 1;
      IF doc_type = 'object' THEN
        sources_not_objects := true;
        INSERT INTO catalog_rollback_doc (part, name, value)
        SELECT 'document', 'version', x.version::jsonb
          FROM hdb_catalog.hdb_metadata AS m, json_to_record(m.metadata) AS x (version json)
         WHERE m.id = 1 AND x.version IS NOT NULL;
      END IF;
      EXIT;
    END;
  END LOOP;
  rest := NULL;

  PERFORM set_config('work_mem', work_mem_before, true);

  IF doc_type IS NOT NULL AND doc_type <> 'object' THEN
    reasons := reasons || format('the metadata document is %s, not a JSON object',
                                 CASE doc_type WHEN 'array' THEN 'a list' WHEN 'null' THEN 'null' ELSE 'a ' || doc_type END);
  ELSE
    -- json_to_record reads a JSON null as absent: tell them apart where it matters (small documents only)
    IF NOT EXISTS (SELECT 1 FROM catalog_rollback_doc AS d WHERE d.part = 'document' AND d.name = 'version') THEN
      INSERT INTO catalog_rollback_doc (part, name, value)
      SELECT 'document', 'version', 'null'::jsonb
        FROM hdb_catalog.hdb_metadata AS m
       WHERE m.id = 1 AND json_typeof(json_extract_path(m.metadata, 'version')) = 'null';
    END IF;
    IF NOT sources_not_objects AND NOT EXISTS (SELECT 1 FROM catalog_rollback_doc AS d WHERE d.part = 'sources') THEN
      INSERT INTO catalog_rollback_doc (part, name)
      SELECT 'sources', 'null'
        FROM hdb_catalog.hdb_metadata AS m
       WHERE m.id = 1 AND json_typeof(json_extract_path(m.metadata, 'sources')) = 'null';
    END IF;
    SELECT CASE WHEN d.value = '3'::jsonb THEN NULL
                ELSE format('the metadata document says "version": %s, not 3',
                            CASE jsonb_typeof(d.value) WHEN 'object' THEN 'an object' WHEN 'array' THEN 'a list' ELSE d.value::text END) END
      INTO names FROM catalog_rollback_doc AS d WHERE d.part = 'document' AND d.name = 'version';
    IF NOT FOUND THEN
      reasons := reasons || 'the metadata document has no "version" (a v2 document says "version": 3)'::text;
    ELSIF names IS NOT NULL THEN
      reasons := reasons || names;
    END IF;
    SELECT format('the metadata document''s "sources" is %s, not a list',
                  CASE d.name WHEN 'object' THEN 'an object' WHEN 'null' THEN 'null' ELSE 'a ' || d.name END)
      INTO names FROM catalog_rollback_doc AS d WHERE d.part = 'sources' AND d.name <> 'array';
    IF names IS NOT NULL THEN
      reasons := reasons || names;
    ELSIF sources_not_objects THEN
      reasons := reasons || 'the metadata document''s "sources" is not a list of objects'::text;
    END IF;
  END IF;

  IF cardinality(reasons) = 0 THEN
    SELECT count(*), string_agg(coalesce(s.name, '?'), ', ' ORDER BY s.n) INTO n, names
      FROM catalog_rollback_doc AS s WHERE s.part = 'source';
    IF n > 1 THEN
      reasons := reasons || format('the metadata has %s sources (%s); a v1 catalog holds exactly one Postgres database', n, names);
    END IF;
    SELECT string_agg(format('%s (kind %s)', coalesce(s.name, '?'), s.value ->> 'kind'), ', ' ORDER BY s.n) INTO names
      FROM catalog_rollback_doc AS s
     WHERE s.part = 'source' AND s.value ->> 'kind' NOT IN ('postgres', 'pg');
    IF names IS NOT NULL THEN
      reasons := reasons || format('source %s is not a Postgres source; v1 only serves Postgres', names);
    END IF;
    SELECT string_agg(coalesce(a ->> 'collection', '?'), ', ' ORDER BY o) INTO names
      FROM catalog_rollback_doc AS d, jsonb_array_elements(d.value) WITH ORDINALITY AS e (a, o)
     WHERE d.part = 'document' AND d.name = 'allowlist' AND jsonb_typeof(d.value) = 'array'
       AND jsonb_typeof(a -> 'scope') = 'object'
       AND a -> 'scope' -> 'global' IS DISTINCT FROM 'true'::jsonb;
    IF names IS NOT NULL THEN
      reasons := reasons || format('the allow-list entries for %s are role-based; the v1 allow-list is global only', names);
    END IF;
  END IF;

  IF cardinality(reasons) > 0 THEN
    RAISE EXCEPTION 'catalog-rollback: cannot roll back catalog 43 to 42: %', array_to_string(reasons, '; ')
      USING HINT = 'Change the metadata with a v2 server first (one Postgres source, global allow-list entries); nothing was changed.';
  END IF;
END
$guard$;
