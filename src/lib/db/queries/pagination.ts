/** Opaque keyset cursors: base64url JSON of the last row's sort key. Bad cursors mean "first page". */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(
  cursor: string | undefined | null,
  guard: (v: unknown) => v is T,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return guard(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likeContains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type Page<T> = { rows: T[]; nextCursor: string | null };

export const PAGE_SIZE = 25;
