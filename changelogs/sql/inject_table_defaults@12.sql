-- hdb_catalog.inject_table_defaults(view_schema, view_name, tab_schema, tab_name), as defined at
-- catalog 12 (and earlier) up to 42.
-- Copies every column default of a table onto the view of the same columns (used for the insert
-- views in hdb_views).
CREATE OR REPLACE FUNCTION hdb_catalog.inject_table_defaults(view_schema text, view_name text,
                                                             tab_schema text, tab_name text)
  RETURNS void
  LANGUAGE plpgsql
  AS $body$
DECLARE
  col record;
BEGIN
  FOR col IN
    SELECT c.column_name, c.column_default
      FROM information_schema.columns AS c
     WHERE c.table_schema = tab_schema
       AND c.table_name = tab_name
       AND c.column_default IS NOT NULL
  LOOP
    EXECUTE format('ALTER VIEW %I.%I ALTER COLUMN %I SET DEFAULT %s;',
                   view_schema, view_name, col.column_name, col.column_default);
  END LOOP;
END;
$body$
