/** Next calls this once per server process: migrations run before the first request is served. */
export async function register() {
  // The one read of process.env outside env.ts: Next inlines NEXT_RUNTIME at build time so that
  // the Node-only imports below are dropped from any edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runMigrations } = await import("@/lib/db/migrate");
  const { log } = await import("@/lib/log");
  const started = Date.now();
  await runMigrations();
  log.info({ ms: Date.now() - started }, "database migrated");
  // Without Redis nothing outside this process can hear a listener, so it runs here
  // (Socket.IO's default adapter works the same way). With Redis, `npm run listener` runs it.
  const { getBus } = await import("@/lib/bus/get-bus");
  if (getBus().kind === "memory") {
    const { startListener } = await import("@/lib/asterisk/live/listener/start-listener");
    await startListener();
    log.info("listener running in-process (no REDIS_URL)");
  }
}
