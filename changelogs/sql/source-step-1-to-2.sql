-- Source catalog 1 -> 2 (forward), shared by the source changelog (source/source-2.yaml) and by step 42 -> 43 of the
-- metadata changelog (catalog-43.yaml), which brings the event objects a v1 metadata database keeps to source
-- catalog 3. One partial index for fetching undelivered events replaces the plain indexes on locked, delivered and
-- created_at. Tolerates a catalog that has some of it already (IF [NOT] EXISTS): newer Hasura builds keep
-- event_log_locked_idx, older ones dropped it.
DROP INDEX IF EXISTS hdb_catalog.event_log_locked_idx;
DROP INDEX IF EXISTS hdb_catalog.event_log_delivered_idx;
DROP INDEX IF EXISTS hdb_catalog.event_log_created_at_idx;
CREATE INDEX IF NOT EXISTS event_log_fetch_events
  ON hdb_catalog.event_log (locked NULLS FIRST, next_retry_at NULLS FIRST, created_at)
  WHERE delivered = 'f' AND error = 'f' AND archived = 'f';
