-- hdb_catalog.hdb_cron_events_stats, from catalog 35 on: per cron trigger, how many events are
-- still scheduled and untried, and the latest scheduled time among them (now() when there is none).
-- graphql-engine uses it to decide when to generate the next batch of cron events.
CREATE VIEW hdb_catalog.hdb_cron_events_stats AS
  SELECT trig.name,
         coalesce(pending.upcoming_events_count, 0)   AS upcoming_events_count,
         coalesce(pending.max_scheduled_time, now())  AS max_scheduled_time
    FROM hdb_catalog.hdb_cron_triggers AS trig
    LEFT JOIN (
      SELECT ev.trigger_name,
             count(*)               AS upcoming_events_count,
             max(ev.scheduled_time) AS max_scheduled_time
        FROM hdb_catalog.hdb_cron_events AS ev
       WHERE ev.tries = 0
         AND ev.status = 'scheduled'
       GROUP BY ev.trigger_name
    ) AS pending
      ON pending.trigger_name = trig.name;
