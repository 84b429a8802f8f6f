/** Badge colours for revision results. */
export const STATUS_STYLE = {
  applied: "bg-teal-50 text-teal-700 dark:bg-teal-950 dark:text-teal-300",
  noop: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  failed: "bg-rose-50 text-rose-700 dark:bg-rose-950 dark:text-rose-300",
} as const;
