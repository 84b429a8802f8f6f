import { BlfState } from "@/lib/asterisk/live/types";

/** Every state has a text label as well as a colour: colour alone never carries the meaning. */
export const BLF_LABELS: Record<BlfState, string> = {
  [BlfState.Idle]: "Available",
  [BlfState.Ringing]: "Ringing",
  [BlfState.InUse]: "On a call",
  [BlfState.Busy]: "Busy",
  [BlfState.OnHold]: "On hold",
  [BlfState.Unavailable]: "Offline",
  [BlfState.Dnd]: "Do not disturb",
};

/** Tile accents: a left border and a dot, with dark-mode variants. */
export const BLF_STYLES: Record<BlfState, { border: string; dot: string }> = {
  [BlfState.Idle]: { border: "border-l-teal-500", dot: "bg-teal-500" },
  [BlfState.Ringing]: { border: "border-l-amber-500", dot: "bg-amber-500 motion-safe:animate-pulse" },
  [BlfState.InUse]: { border: "border-l-rose-500", dot: "bg-rose-500" },
  [BlfState.Busy]: { border: "border-l-rose-700", dot: "bg-rose-700" },
  [BlfState.OnHold]: { border: "border-l-indigo-500", dot: "bg-indigo-500" },
  [BlfState.Unavailable]: { border: "border-l-slate-300 dark:border-l-slate-600", dot: "bg-slate-400" },
  [BlfState.Dnd]: { border: "border-l-fuchsia-600", dot: "bg-fuchsia-600" },
};
