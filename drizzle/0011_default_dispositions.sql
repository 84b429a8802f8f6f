-- Custom data migration (drizzle-kit generate --custom): the call outcomes every call centre starts with.
INSERT INTO "disposition_codes" ("code", "label", "sort_order") VALUES
  ('sold', 'Sold', 10),
  ('callback', 'Callback requested', 20),
  ('not_interested', 'Not interested', 30),
  ('no_answer', 'No answer / voicemail', 40),
  ('wrong_number', 'Wrong number', 50),
  ('resolved', 'Resolved', 60),
  ('escalated', 'Escalated', 70)
ON CONFLICT ("code") DO NOTHING;
