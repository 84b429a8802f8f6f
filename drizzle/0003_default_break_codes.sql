-- Custom data migration (drizzle-kit generate --custom): the pause reasons every call centre starts with.
INSERT INTO "break_codes" ("code", "label", "paid", "sort_order") VALUES
  ('lunch', 'Lunch', false, 10),
  ('tea', 'Tea', true, 20),
  ('training', 'Training', true, 30),
  ('meeting', 'Meeting', true, 40),
  ('coaching', 'Coaching', true, 50)
ON CONFLICT ("code") DO NOTHING;
