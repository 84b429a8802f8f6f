-- Custom migration (drizzle-kit generate --custom): the cdr table takes rows from two writers,
-- Asterisk's cdr_pgsql (a plain INSERT it builds itself, origin left at its default 'pgsql') and
-- the AMI listener (origin 'ami', ON CONFLICT DO NOTHING). This trigger makes them agree:
--  * the second copy of a record (same uniqueid, sequence) is skipped silently, so cdr_pgsql
--    never logs a unique violation and retries;
--  * cdr_pgsql's zone-less timestamps (UTC, from `timezone=UTC` in cdr_pgsql.conf) are read as
--    UTC whatever the session TimeZone is, and its 1970-01-01 "answer" of an unanswered record
--    becomes NULL, as the listener writes it;
--  * direction and call_head are derived the same way for both (src/lib/validations/calls.ts).
CREATE OR REPLACE FUNCTION cdr_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src_internal boolean;
  dst_internal boolean;
BEGIN
  IF EXISTS (SELECT 1 FROM cdr WHERE uniqueid = NEW.uniqueid AND sequence = NEW.sequence) THEN
    RETURN NULL;
  END IF;
  IF NEW.origin = 'pgsql' THEN
    NEW.calldate := (NEW.calldate AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC';
    NEW.answer := (NEW.answer AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC';
    NEW."end" := (NEW."end" AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC';
  END IF;
  IF NEW.answer IS NOT NULL AND NEW.answer < TIMESTAMPTZ '1971-01-01 00:00:00+00' THEN
    NEW.answer := NULL;
  END IF;
  IF NEW.direction = '' THEN
    src_internal := NEW.src <> '' AND EXISTS (SELECT 1 FROM extensions WHERE number = NEW.src);
    dst_internal := NEW.dst <> '' AND (
      EXISTS (SELECT 1 FROM extensions WHERE number = NEW.dst)
      OR EXISTS (SELECT 1 FROM extension_groups WHERE number = NEW.dst)
      OR EXISTS (SELECT 1 FROM queues WHERE number = NEW.dst));
    NEW.direction := CASE
      WHEN NEW.dcontext ~ '^(sb-)?from-(trunk|pstn|external)' THEN 'inbound'
      WHEN NOT src_internal THEN 'inbound'
      WHEN dst_internal OR NEW.dst !~ '^\+?[0-9]+$' THEN 'internal'
      ELSE 'outbound'
    END;
  END IF;
  NEW.call_head := (NEW.uniqueid = NEW.linkedid OR NEW.linkedid = '')
    AND NOT EXISTS (SELECT 1 FROM cdr WHERE uniqueid = NEW.uniqueid);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cdr_before_insert ON cdr;
--> statement-breakpoint
CREATE TRIGGER cdr_before_insert BEFORE INSERT ON cdr FOR EACH ROW EXECUTE FUNCTION cdr_before_insert();
