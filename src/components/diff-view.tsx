/** A unified diff, coloured line by line. Long files stay scrollable inside their card. */
export function DiffView({ patch }: { patch: string }) {
  const lines = patch.split("\n").filter((l) => !l.startsWith("===") && !l.startsWith("Index:"));
  return (
    <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-300">
      {lines.map((line, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: diff lines have no identity but their position
          key={i}
          className={
            line.startsWith("+++") || line.startsWith("---")
              ? "text-slate-500"
              : line.startsWith("+")
                ? "bg-teal-950/60 text-teal-300"
                : line.startsWith("-")
                  ? "bg-rose-950/60 text-rose-300"
                  : line.startsWith("@@")
                    ? "text-indigo-300"
                    : ""
          }
        >
          {line || " "}
        </div>
      ))}
    </pre>
  );
}
