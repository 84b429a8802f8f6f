import "server-only";
import { inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { checkDestination } from "@/lib/db/queries/destinations";
import { callerLists, dids } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";
import type { DidValues } from "@/lib/validations/inbound";
import { checkDidRecord, type DidImportRecord, type DidRowError } from "./did-csv";

export type DidImportRow = { line: number; record: DidImportRecord };
export type CheckedDidRow = DidImportRow & { values?: DidValues; errors: DidRowError[] };

/**
 * Validates rows as a set: each row with the form's schema, then numbers repeated in the file or
 * already inbound numbers, destinations that don't exist (checked once per distinct destination,
 * inside the transaction), and list names that name no list. Writes nothing.
 */
export async function checkDidRows(tx: Tx, rows: DidImportRow[]): Promise<CheckedDidRow[]> {
  const checked = rows.map((r) => {
    const c = checkDidRecord(r.record);
    return { ...r, ...c };
  });
  const numbers = [...new Set(checked.flatMap((r) => (r.values ? [r.values.number] : [])))];
  const taken = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const found = await tx
      .select({ number: dids.number })
      .from(dids)
      .where(inArray(dids.number, numbers.slice(i, i + 1000)));
    for (const f of found) taken.add(f.number);
  }
  const names = [...new Set(checked.flatMap((r) => r.listNames))];
  const listIds = new Map<string, string>();
  if (names.length) {
    const found = await tx
      .select({ id: callerLists.id, name: callerLists.name })
      .from(callerLists)
      .where(inArray(callerLists.name, names))
      .for("share");
    for (const f of found) listIds.set(f.name, f.id);
  }
  const destinationErrors = new Map<string, string | null>();
  const firstLine = new Map<string, number>();
  const out: CheckedDidRow[] = [];
  for (const r of checked) {
    const errors = [...r.errors];
    let values: DidValues | undefined;
    if (r.values) {
      const v = r.values;
      const seenAt = firstLine.get(v.number);
      if (seenAt !== undefined)
        errors.push({ column: "number", message: `${v.number} is also on line ${seenAt}.` });
      else firstLine.set(v.number, r.line);
      if (taken.has(v.number))
        errors.push({ column: "number", message: `${v.number} is already an inbound number.` });
      const key = `${v.destination.type}:${v.destination.target ?? ""}`;
      if (!destinationErrors.has(key)) {
        try {
          await checkDestination({ tx, destination: v.destination, field: "destination" });
          destinationErrors.set(key, null);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          destinationErrors.set(key, error.message);
        }
      }
      const destError = destinationErrors.get(key);
      if (destError) errors.push({ column: "destination_target", message: destError });
      const unknown = r.listNames.filter((n) => !listIds.has(n));
      if (unknown.length)
        errors.push({
          column: "lists",
          message: `No list called ${unknown.map((n) => `“${n.slice(0, 40)}”`).join(", ")}.`,
        });
      if (errors.length === 0)
        values = { ...v, lists: [...new Set(r.listNames.map((n) => listIds.get(n)!))] };
    }
    out.push({ line: r.line, record: r.record, values, errors });
  }
  return out;
}
