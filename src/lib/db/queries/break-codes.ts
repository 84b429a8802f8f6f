import "server-only";
import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type BreakCode, breakCodes } from "@/lib/db/schema/panel";

/** Every break code in display order; a handful per call centre, so no paging. */
export async function listBreakCodes({
  activeOnly = false,
}: {
  activeOnly?: boolean;
} = {}): Promise<BreakCode[]> {
  return db
    .select()
    .from(breakCodes)
    .where(activeOnly ? eq(breakCodes.active, true) : undefined)
    .orderBy(asc(breakCodes.sortOrder), asc(breakCodes.label));
}

export async function getBreakCodeById({ id }: { id: string }): Promise<BreakCode | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(breakCodes).where(eq(breakCodes.id, id)).limit(1);
  return row;
}
