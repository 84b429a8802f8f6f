import { applyWithAppSettings } from "@/lib/asterisk/publish/run";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * `npm run config:apply [-- --rollback N]`: the same pipeline as the Apply button (render, write
 * changed files, reload their modules, verify, record), with progress on stderr and the result as
 * JSON on stdout. Exits 1 when the apply failed (the previous config is then back in place).
 */
const rollbackIndex = process.argv.indexOf("--rollback");
const rollbackTo = rollbackIndex > 0 ? Number(process.argv[rollbackIndex + 1]) : undefined;
if (rollbackTo !== undefined && !Number.isSafeInteger(rollbackTo)) {
  console.error("Usage: npm run config:apply [-- --rollback REVISION_ID]");
  process.exit(2);
}
const handle = dbHandle();
try {
  await runMigrations(handle);
  const result = await applyWithAppSettings({
    actor: { id: null, email: "cli" },
    rollbackTo,
    onProgress: (p) => console.error(`[${p.step}] ${p.status}: ${p.message}`),
  });
  console.info(JSON.stringify(result));
  if (result.status === "failed") process.exitCode = 1;
} catch (error) {
  console.error("Apply failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
