/** 3725 → "1 h 2 min"; 125 → "2 min 5 s"; 7 → "7 s". */
export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`;
}

/** A UTC timestamp as "2026-11-22 09:15:02". */
export function formatUtc(d: Date | null): string {
  return d ? d.toISOString().replace("T", " ").slice(0, 19) : "—";
}
