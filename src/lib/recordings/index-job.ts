import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import { indexRecordings } from "./indexer";

export type RecordingIndexJobOptions = {
  root: string;
  db: Db;
  log: Pick<Logger, "info" | "error">;
  /** Wait after a MixMonitorStop/Hangup so MixMonitor has closed the file. Default 2 s. */
  debounceMs?: number;
  /** The catch-up scan, for files written while no listener ran. Default 60 s. */
  intervalMs?: number;
};

/**
 * Keeps the recordings table in step with the spool: a scan at start, one shortly after each
 * poke (the listener pokes on MixMonitorStop and Hangup) and one every minute. Scans never
 * overlap; a poke during a scan schedules one more.
 */
export class RecordingIndexJob {
  private timer: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RecordingIndexJobOptions) {}

  start(): void {
    void this.scan();
    this.interval = setInterval(() => void this.scan(), this.options.intervalMs ?? 60_000);
  }

  poke(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scan();
    }, this.options.debounceMs ?? 2_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.interval) clearInterval(this.interval);
    await this.running;
  }

  /** Resolves when the current scan (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async scan(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        const result = await indexRecordings({ root: this.options.root, db: this.options.db });
        if (result.indexed || result.removed) this.options.log.info(result, "recordings indexed");
      } catch (err) {
        this.options.log.error(
          { err: err instanceof Error ? err.message : String(err) },
          "indexing recordings failed",
        );
      }
    })();
    await this.running;
    this.running = null;
    if (this.again && !this.stopped) {
      this.again = false;
      await this.scan();
    }
  }
}
