import Link from "next/link";

/** Keyset paging: "first page" and "next page" links that keep the other query parameters. */
export function Pager({
  basePath,
  params,
  nextCursor,
  isFirst,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  isFirst: boolean;
}) {
  const href = (cursor?: string) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "cursor") sp.set(k, v);
    if (cursor) sp.set("cursor", cursor);
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  if (isFirst && !nextCursor) return null;
  return (
    <nav className="mt-4 flex items-center justify-end gap-2" aria-label="Pagination">
      {!isFirst && (
        <Link className="btn-secondary" href={href()}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link className="btn-secondary" href={href(nextCursor)} rel="next">
          Next page
        </Link>
      )}
    </nav>
  );
}
