import { writeAudit } from "@/lib/audit";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { getSetting } from "@/lib/db/queries/settings";
import { retentionDays, runRetention } from "@/lib/recordings/retention";
import { recordingsRoot } from "@/lib/recordings/root";

/**
 * `npm run recordings:retention [-- --apply]`: lists (dry run, the default) or deletes the
 * recordings older than the retention days in Settings (`general.retentionDays` / RETENTION_DAYS;
 * empty means off). Prints one JSON object with every recording concerned; a real run is audited.
 * Meant for cron; the Recordings page has the same job behind a button.
 */
const apply = process.argv.includes("--apply");
const root = recordingsRoot();
if (!root) {
  console.error("ASTERISK_SPOOL_DIR is not set, so there is no recordings root.");
  process.exit(2);
}
const handle = dbHandle();
try {
  await runMigrations(handle);
  const days = retentionDays(await getSetting("general.retentionDays", handle.db));
  const result = await runRetention({ db: handle.db, root, days, apply });
  if (apply && result.items.length) {
    await writeAudit({
      actor: { id: null, email: null, ip: null },
      action: "recording.retention",
      entity: "recording",
      entityLabel: `Deleted ${result.items.length} recording(s) older than ${days} days`,
      after: { days, count: result.items.length, paths: result.items.slice(0, 200).map((i) => i.path) },
    });
  }
  console.info(
    JSON.stringify({
      retention: days ? `${days} days` : "off",
      dryRun: !apply,
      cutoff: result.cutoff,
      count: result.items.length,
      items: result.items,
    }),
  );
} catch (error) {
  console.error("Retention failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
