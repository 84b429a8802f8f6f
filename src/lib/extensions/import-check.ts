import "server-only";
import { inArray, sql } from "drizzle-orm";
import { allTakenNumbers } from "@/lib/asterisk/numbering";
import type { Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { type CheckedRow, checkImportRecord, type ImportRecord } from "./csv-import";
import { usersByNumber } from "./linked-user";

export type ImportRow = { line: number; record: ImportRecord };
export type CheckedImportRow = ImportRow &
  CheckedRow & {
    /** The user the row links, resolved from its e-mail. */
    userId: string | null;
    warnings: string[];
  };

/**
 * Validates rows as a set: each row with the form's schema, then numbers repeated within the
 * rows, numbers already taken by an extension, group or queue, and e-mails that name no user or
 * appear twice (users.extension holds one number). Writes nothing.
 */
export async function checkImportRows(tx: Tx, rows: ImportRow[]): Promise<CheckedImportRow[]> {
  const checked: CheckedImportRow[] = rows.map((r) => ({
    ...r,
    ...checkImportRecord(r.record),
    userId: null,
    warnings: [],
  }));

  const linesBy = (key: (r: CheckedImportRow) => string | null | undefined) => {
    const map = new Map<string, number[]>();
    for (const r of checked) {
      const k = key(r);
      if (k) map.set(k, [...(map.get(k) ?? []), r.line]);
    }
    return map;
  };
  const numberLines = linesBy((r) => r.values?.number);
  const emailLines = linesBy((r) => r.email);

  const taken = await allTakenNumbers(tx);
  const emails = [...emailLines.keys()];
  const found = new Map<string, { id: string; extension: string | null }>();
  for (let i = 0; i < emails.length; i += 1000) {
    const rowsFound = await tx
      .select({ id: users.id, email: users.email, extension: users.extension })
      .from(users)
      .where(inArray(users.email, emails.slice(i, i + 1000)));
    for (const u of rowsFound) found.set(u.email, u);
  }
  const numbers = [...numberLines.keys()];
  const holders = new Map<string, string[]>();
  for (let i = 0; i < numbers.length; i += 1000) {
    for (const u of await usersByNumber(tx, numbers.slice(i, i + 1000)))
      holders.set(u.extension!, [...(holders.get(u.extension!) ?? []), u.email]);
  }

  for (const r of checked) {
    const number = r.values?.number;
    if (number) {
      const lines = numberLines.get(number)!;
      if (lines.length > 1)
        r.errors.push({
          column: "number",
          message: `${number} appears more than once (lines ${list(lines)}).`,
        });
      if (taken.has(number)) r.errors.push({ column: "number", message: `${number} is already in use.` });
    }
    if (r.email) {
      const user = found.get(r.email);
      const lines = emailLines.get(r.email)!;
      if (!user) r.errors.push({ column: "email", message: `No user has the e-mail ${r.email}.` });
      else if (lines.length > 1)
        r.errors.push({
          column: "email",
          message: `A user is linked to one extension only; ${r.email} is on lines ${list(lines)}.`,
        });
      else {
        r.userId = user.id;
        if (user.extension && user.extension !== number)
          r.warnings.push(`${r.email} moves from extension ${user.extension}.`);
      }
    }
    if (number) {
      for (const email of holders.get(number) ?? []) {
        if (email === r.email) continue;
        r.warnings.push(
          r.email
            ? `${email} loses extension ${number}.`
            : `${email} already has ${number} and becomes its user.`,
        );
      }
    }
    if (r.errors.length) r.values = undefined;
  }
  return checked;
}

/**
 * Takes the same per-number locks as assertNumberFree, in sorted order (unnest keeps the array's
 * order) so two imports can't deadlock each other.
 */
export async function lockNumbers(tx: Tx, numbers: string[]): Promise<void> {
  const sorted = [...new Set(numbers)].sort();
  for (let i = 0; i < sorted.length; i += 1000) {
    const part = sorted.slice(i, i + 1000);
    await tx.execute(
      sql`select pg_advisory_xact_lock(727100, hashtext(n)) from unnest(array[${sql.join(
        part.map((n) => sql`${n}`),
        sql`, `,
      )}]::text[]) as t(n)`,
    );
  }
}

function list(lines: number[]) {
  return lines.length > 6 ? `${lines.slice(0, 6).join(", ")}, …` : lines.join(", ");
}
