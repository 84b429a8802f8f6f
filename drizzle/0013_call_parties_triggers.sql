-- Custom migration (drizzle-kit generate --custom): keeps call_parties (0009) in step with cdr and
-- queue_events, whichever writer inserts (cdr_pgsql's plain INSERT or the listener's batches).
--  * A record's `ext` parties: its src and dst when they look like an extension (2-8 digits, the
--    shape the extension filter and users.extension accept), and the endpoint of a PJSIP/<digits>-
--    channel or dstchannel. That is exactly what `src = X or dst = X or channel like 'PJSIP/X-%'
--    or dstchannel like 'PJSIP/X-%'` matches for such an X.
--  * Records and queue events may arrive before or after the call's head record: the head's
--    insert gathers the parties of everything already stored under its Linkedid, and a later
--    record or queue event adds its own parties to its stored head. An advisory lock per Linkedid
--    (taken after the row is in, so never while waiting on the other writer) makes the two
--    writers' transactions see each other's rows.
--  * A record without a Linkedid is a call of its own (call_head): only its own parties count.
CREATE OR REPLACE FUNCTION cdr_record_parties(src text, dst text, channel text, dstchannel text)
RETURNS TABLE (party text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT v.p FROM (VALUES (src), (dst),
    (substring(channel FROM '^PJSIP/([0-9]{2,8})-')),
    (substring(dstchannel FROM '^PJSIP/([0-9]{2,8})-'))) AS v(p)
  WHERE v.p ~ '^[0-9]{2,8}$'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cdr_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.linkedid = '' THEN
    IF NEW.call_head THEN
      INSERT INTO call_parties (kind, party, call_start, head_id)
        SELECT 'ext', p.party, NEW.calldate, NEW.id
        FROM cdr_record_parties(NEW.src, NEW.dst, NEW.channel, NEW.dstchannel) p
      ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(727002, hashtext(NEW.linkedid));
  IF NEW.call_head THEN
    INSERT INTO call_parties (kind, party, call_start, head_id)
      SELECT 'ext', p.party, NEW.calldate, NEW.id
      FROM cdr l CROSS JOIN LATERAL cdr_record_parties(l.src, l.dst, l.channel, l.dstchannel) p
      WHERE l.linkedid = NEW.linkedid
      UNION
      SELECT 'queue', q.queue, NEW.calldate, NEW.id FROM queue_events q WHERE q.linkedid = NEW.linkedid
      UNION
      SELECT 'agent', q.interface, NEW.calldate, NEW.id FROM queue_events q
      WHERE q.linkedid = NEW.linkedid AND q.kind IN ('connect', 'complete') AND q.interface IS NOT NULL
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO call_parties (kind, party, call_start, head_id)
      SELECT 'ext', p.party, h.calldate, h.id
      FROM cdr h CROSS JOIN cdr_record_parties(NEW.src, NEW.dst, NEW.channel, NEW.dstchannel) p
      WHERE h.linkedid = NEW.linkedid AND h.call_head
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cdr_after_insert ON cdr;
--> statement-breakpoint
CREATE TRIGGER cdr_after_insert AFTER INSERT ON cdr FOR EACH ROW EXECUTE FUNCTION cdr_after_insert();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION queue_events_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.linkedid IS NULL OR NEW.linkedid = '' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(727002, hashtext(NEW.linkedid));
  INSERT INTO call_parties (kind, party, call_start, head_id)
    SELECT v.kind, v.party, h.calldate, h.id
    FROM cdr h CROSS JOIN (VALUES ('queue', NEW.queue::text),
      ('agent', CASE WHEN NEW.kind IN ('connect', 'complete') THEN NEW.interface END)) AS v(kind, party)
    WHERE h.linkedid = NEW.linkedid AND h.call_head AND v.party IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS queue_events_after_insert ON queue_events;
--> statement-breakpoint
CREATE TRIGGER queue_events_after_insert AFTER INSERT ON queue_events FOR EACH ROW EXECUTE FUNCTION queue_events_after_insert();
--> statement-breakpoint
-- The planner can't see that (call_start, head_id) = (calldate, id) names one head, so it
-- expects few matches per walk and, on a big table, splits the walk over parallel workers; the
-- walk stops after a page, and starting a worker costs more than the whole of it.
ALTER TABLE call_parties SET (parallel_workers = 0);
--> statement-breakpoint
-- Refills call_parties from cdr and queue_events in one set-based pass: this migration's backfill,
-- and bulk loads that COPY with the triggers off (bench:cdr). Returns the rows written.
CREATE OR REPLACE FUNCTION call_parties_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM set_config('work_mem', '256MB', true);
  TRUNCATE call_parties;
  INSERT INTO call_parties (kind, party, call_start, head_id)
    SELECT 'ext', p.party, h.calldate, h.id
    FROM cdr h
    JOIN cdr l ON l.linkedid = h.linkedid AND (h.linkedid <> '' OR l.id = h.id)
    CROSS JOIN LATERAL cdr_record_parties(l.src, l.dst, l.channel, l.dstchannel) p
    WHERE h.call_head
    UNION
    SELECT v.kind, v.party, h.calldate, h.id
    FROM cdr h
    JOIN queue_events q ON q.linkedid = h.linkedid
    CROSS JOIN LATERAL (VALUES ('queue', q.queue::text),
      ('agent', CASE WHEN q.kind IN ('connect', 'complete') THEN q.interface END)) AS v(kind, party)
    WHERE h.call_head AND h.linkedid <> '' AND v.party IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
SELECT call_parties_rebuild();
--> statement-breakpoint
-- Statistics now, not at autovacuum's leisure: the planner weighs these walks against the date walk.
ANALYZE call_parties;
