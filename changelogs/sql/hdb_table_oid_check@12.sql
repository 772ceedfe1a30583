-- hdb_catalog.hdb_table_oid_check(): function and trigger (both of that name), as defined at
-- catalog 12 (and earlier) up to 19. Catalog 20 drops both.
-- BEFORE INSERT OR UPDATE on hdb_table: refuses a row whose table or view does not exist
-- (checked against information_schema.tables) with a foreign_key_violation.
CREATE OR REPLACE FUNCTION hdb_catalog.hdb_table_oid_check() RETURNS trigger
  LANGUAGE plpgsql
  AS $body$
BEGIN
  IF EXISTS (SELECT 1
               FROM information_schema.tables AS t
              WHERE t.table_schema = NEW.table_schema
                AND t.table_name = NEW.table_name) THEN
    RETURN NEW;
  END IF;
  RAISE foreign_key_violation
    USING MESSAGE = 'table_schema, table_name not in information_schema.tables';
END;
$body$;

CREATE TRIGGER hdb_table_oid_check
  BEFORE INSERT OR UPDATE ON hdb_catalog.hdb_table
  FOR EACH ROW EXECUTE PROCEDURE hdb_catalog.hdb_table_oid_check();
