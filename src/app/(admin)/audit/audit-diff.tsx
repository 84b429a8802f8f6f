type Json = Record<string, unknown> | null;

/** Before/after as a field-by-field diff; unchanged fields are folded away. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  if (keys.length === 0) return <span className="text-slate-400">—</span>;
  const changed = keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
  return (
    <details>
      <summary className="cursor-pointer text-sm text-indigo-700 dark:text-indigo-300">
        {changed.length} field{changed.length === 1 ? "" : "s"}{" "}
        {before && after ? "changed" : after ? "set" : "removed"}
      </summary>
      <table className="mt-2 w-full text-xs">
        <thead className="sr-only">
          <tr>
            <th>Field</th>
            <th>Before</th>
            <th>After</th>
          </tr>
        </thead>
        <tbody>
          {changed.map((k) => (
            <tr key={k} className="align-top">
              <td className="py-0.5 pr-2 font-mono text-slate-500">{k}</td>
              <td className="py-0.5 pr-2 font-mono break-all text-rose-700 line-through decoration-rose-300 dark:text-rose-300">
                {before && k in before ? show(before[k]) : ""}
              </td>
              <td className="py-0.5 font-mono break-all text-teal-700 dark:text-teal-300">
                {after && k in after ? show(after[k]) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "∅";
  return typeof v === "string" ? v : JSON.stringify(v);
}
