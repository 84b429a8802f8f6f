/** The phone's recent-calls list, kept per extension in this browser's localStorage. */
export type RecentCall = {
  number: string;
  name?: string;
  direction: "in" | "out";
  /** Epoch ms when the call started ringing or was dialed. */
  at: number;
  /** Talk time in seconds; 0 for a call never answered. */
  seconds: number;
  answered: boolean;
};

export const MAX_RECENT = 20;

export function recentKey(extension: string): string {
  return `switchboard:softphone:recent:${extension}`;
}

/** Newest first, at most MAX_RECENT. */
export function addRecent(list: readonly RecentCall[], call: RecentCall): RecentCall[] {
  return [call, ...list].sort((a, b) => b.at - a.at).slice(0, MAX_RECENT);
}

/** Reads a stored list, dropping anything that isn't a well-formed entry with a dialable number. */
export function parseRecent(raw: string | null): RecentCall[] {
  if (!raw) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data.filter(isRecentCall).slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}

function isRecentCall(v: unknown): v is RecentCall {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.number === "string" &&
    /^[0-9*#+]{1,32}$/.test(r.number) &&
    (r.direction === "in" || r.direction === "out") &&
    typeof r.at === "number" &&
    typeof r.seconds === "number" &&
    typeof r.answered === "boolean" &&
    (r.name === undefined || typeof r.name === "string")
  );
}
