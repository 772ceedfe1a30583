-- hdb_catalog.event_trigger_table_name_update(), from catalog 40 on.
-- Trigger function for AFTER UPDATE on hdb_table: when a tracked table is renamed or moved to another
-- schema, the event triggers defined on it follow. It replaces the ON UPDATE CASCADE of the foreign
-- key event_triggers -> hdb_table that catalog 39 -> 40 drops.
CREATE OR REPLACE FUNCTION hdb_catalog.event_trigger_table_name_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $rename$
BEGIN
  IF (NEW.table_schema, NEW.table_name) <> (OLD.table_schema, OLD.table_name) THEN
    UPDATE hdb_catalog.event_triggers AS et
       SET schema_name = NEW.table_schema,
           table_name  = NEW.table_name
     WHERE et.schema_name = OLD.table_schema
       AND et.table_name  = OLD.table_name;
  END IF;
  RETURN NEW;
END;
$rename$;
