import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { mohClasses } from "@/lib/db/schema/ivr";
import { AppError } from "@/lib/errors";

/** A queue's music-on-hold class is "default" or a class of the sound library (locked FOR SHARE). */
export async function assertMohClassExists(tx: Tx, name: string): Promise<void> {
  if (name === "default") return;
  const [row] = await tx
    .select({ id: mohClasses.id })
    .from(mohClasses)
    .where(eq(mohClasses.name, name))
    .for("share");
  if (row) return;
  const message = `There is no music-on-hold class “${name}”: choose one from the sound library or “default”.`;
  throw new AppError("bad_request:moh_class", message, { fieldErrors: { mohClass: [message] } });
}
