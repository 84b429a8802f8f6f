-- Custom migration (drizzle-kit generate --custom): pg_trgm for call history's "number contains"
-- search (GIN trigram index in the next migration). PGlite loads the extension in lib/db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
