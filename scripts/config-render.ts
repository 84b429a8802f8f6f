import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * `npm run config:render -- --out DIR`: renders the include files from the database into DIR
 * (nothing is reloaded) and prints {files, bytes, ms}.
 */
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
if (!out) {
  console.error("Usage: npm run config:render -- --out DIR");
  process.exit(2);
}
const handle = dbHandle();
try {
  await runMigrations(handle);
  const started = performance.now();
  const files = renderConfig(await loadConfigState(handle.db));
  await mkdir(out, { recursive: true });
  let bytes = 0;
  for (const [name, content] of files) {
    await writeFile(path.join(out, name), content);
    bytes += Buffer.byteLength(content);
  }
  console.info(JSON.stringify({ files: files.size, bytes, ms: Math.round(performance.now() - started) }));
} catch (error) {
  console.error("Render failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
