-- Trigger hdb_schema_update_event_notifier on hdb_catalog.hdb_schema_update_event, as defined at
-- catalog 12 (and earlier) up to 18: calls the function of the same name after each INSERT.
CREATE TRIGGER hdb_schema_update_event_notifier
  AFTER INSERT ON hdb_catalog.hdb_schema_update_event
  FOR EACH ROW EXECUTE PROCEDURE hdb_catalog.hdb_schema_update_event_notifier()
