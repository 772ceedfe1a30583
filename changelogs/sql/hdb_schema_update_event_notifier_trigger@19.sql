-- Trigger hdb_schema_update_event_notifier on hdb_catalog.hdb_schema_update_event, as defined from
-- catalog 19 on: the table keeps a single row that servers upsert, so it fires after INSERT or UPDATE.
CREATE TRIGGER hdb_schema_update_event_notifier
  AFTER INSERT OR UPDATE ON hdb_catalog.hdb_schema_update_event
  FOR EACH ROW EXECUTE PROCEDURE hdb_catalog.hdb_schema_update_event_notifier()
