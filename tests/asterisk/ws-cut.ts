import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Cuts this test process's browsers' TCP connections to `port` (their SIP WebSockets), as a
 * network drop would: `ss -K` destroys each socket (SOCK_DESTROY, the peer gets a reset).
 * Only sockets owned by processes descending from this one (the Playwright-launched Chromium)
 * are touched, so other clients of the same Asterisk keep theirs. Needs root and iproute2.
 * Returns how many sockets were destroyed.
 */
export function cutBrowserWebSockets(port: number): number {
  const mine = descendantsOf(process.pid);
  const listing = execFileSync("ss", ["-Htnp", "state", "established", `( dport = :${port} )`], {
    encoding: "utf8",
  });
  const localPorts = new Set<string>();
  for (const line of listing.split("\n")) {
    const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
    if (!pids.some((p) => mine.has(p))) continue;
    const local = line.trim().split(/\s+/)[2] ?? "";
    const localPort = local.slice(local.lastIndexOf(":") + 1);
    if (/^\d+$/.test(localPort)) localPorts.add(localPort);
  }
  for (const p of localPorts) {
    execFileSync("ss", ["-K", "state", "established", `( sport = :${p} and dport = :${port} )`], {
      stdio: "ignore",
    });
  }
  return localPorts.size;
}

function descendantsOf(root: number): Set<number> {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!out.has(pid) && out.has(ppid)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return out;
}
