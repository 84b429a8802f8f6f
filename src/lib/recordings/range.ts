export type ByteRange =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

/**
 * Parses one HTTP `Range: bytes=…` header against a file of `size` bytes (RFC 9110 §14.1.2).
 * Multiple ranges are served as the full file (allowed by the RFC and all browsers need);
 * syntactically valid but unsatisfiable ranges are "unsatisfiable" (416); garbage is ignored.
 */
export function parseRange(header: string | null, size: number): ByteRange {
  if (!header) return { kind: "full" };
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m)
    return header.trim().toLowerCase().startsWith("bytes=") && !header.includes(",")
      ? { kind: "unsatisfiable" }
      : { kind: "full" };
  const [, a, b] = m as unknown as [string, string, string];
  if (a === "" && b === "") return { kind: "unsatisfiable" };
  if (size === 0) return { kind: "unsatisfiable" };
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end };
}
