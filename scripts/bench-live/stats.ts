import { readdirSync, readFileSync } from "node:fs";

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile of an ascending list; 0 for an empty one. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * CPU and peak RSS of this process since `from` (process.cpuUsage() and runQueueWaitMs(pid)),
 * and how long its main thread was ready to run but waited for a core (other load on the machine).
 */
export function ownUsage(from: { cpu: NodeJS.CpuUsage; waitMs: number | null }, wallMs: number) {
  const cpu = process.cpuUsage(from.cpu);
  const waitMs = runQueueWaitMs(process.pid);
  return {
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    waitingForCpuPercent:
      waitMs === null || from.waitMs === null ? null : round(((waitMs - from.waitMs) / wallMs) * 100),
  };
}

export function usageMark() {
  return { cpu: process.cpuUsage(), waitMs: runQueueWaitMs(process.pid) };
}

/** Time the process's main thread spent runnable but not running (Linux schedstat), in ms. */
export function runQueueWaitMs(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * CPU time and peak RSS of a process and all its descendants, from /proc (Linux). `npm run`
 * starts npm → sh → tsx → node, so the simulator's figures are those of the whole tree; the
 * peak RSS is the largest single process (the simulator's node), not a sum.
 */
export function treeUsage(rootPid: number): { cpuMs: number; peakRssMb: number; waitMs: number } | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      // Fields after the parenthesised command: state ppid … utime(14) stime(15).
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(e);
      const ppid = Number(rest[1]);
      ticks.set(pid, Number(rest[11]) + Number(rest[12]));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {}
  }
  if (!ticks.has(rootPid)) return null;
  let cpuTicks = 0;
  let peakKb = 0;
  let waitMs = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    cpuTicks += ticks.get(pid) ?? 0;
    waitMs += runQueueWaitMs(pid) ?? 0;
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0));
    } catch {}
    todo.push(...(children.get(pid) ?? []));
  }
  // USER_HZ is 100 on every Linux Node supports.
  return { cpuMs: cpuTicks * 10, peakRssMb: Math.round(peakKb / 1024), waitMs };
}
