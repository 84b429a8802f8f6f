"use server";

import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { type CallerList, callerListEntries, callerLists } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { dropList, syncEntries } from "@/lib/routing/astdb-sync";
import { listCallerListUsesTx } from "@/lib/routing/caller-list-uses";
import {
  addListEntriesSchema,
  createCallerListSchema,
  deleteCallerListSchema,
  removeListEntriesSchema,
  updateCallerListSchema,
} from "@/lib/validations/inbound";

const DAY_MS = 86_400_000;

export const createCallerList = action("blocklists.write", createCallerListSchema, async (input, { tx }) => {
  await assertNameFree(tx, input.name);
  const [row] = await tx.insert(callerLists).values(input).returning();
  revalidatePath("/caller-lists");
  return {
    data: { id: row!.id },
    audit: {
      action: "callerlist.create",
      entity: "callerlist",
      entityId: row!.id,
      entityLabel: row!.name,
      after: input,
    },
  };
});

export const updateCallerList = action(
  "blocklists.write",
  updateCallerListSchema,
  async (input, { tx, user }) => {
    const before = await loadForUpdate(tx, input.id);
    await assertNameFree(tx, input.name, input.id);
    const { id, ...values } = input;
    const beforeSnap = { name: before.name, kind: before.kind, description: before.description };
    if (JSON.stringify(beforeSnap) === JSON.stringify(values)) return { data: { id } };
    await tx.update(callerLists).set(values).where(eq(callerLists.id, id));
    revalidatePath("/caller-lists");
    // The kind decides how [sb-screen] uses the list, so it is compiled: that takes an apply.
    const audit =
      before.kind !== values.kind
        ? await stageChange(tx, user.id, {
            entity: "callerlist",
            action: "update",
            entityId: id,
            entityLabel: values.name,
            before: beforeSnap,
            after: values,
          })
        : {
            action: "callerlist.update",
            entity: "callerlist",
            entityId: id,
            entityLabel: values.name,
            before: beforeSnap,
            after: values,
          };
    return { data: { id }, audit };
  },
);

export const deleteCallerList = action(
  "blocklists.write",
  deleteCallerListSchema,
  async (input, { tx, user, afterCommit }) => {
    const before = await loadForUpdate(tx, input.id);
    const uses = await listCallerListUsesTx(tx, input.id);
    if (uses.length)
      throw new AppError(
        "conflict:in_use",
        `The list “${before.name}” is still used by ${uses.join(", ")}. Remove it there first.`,
      );
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(callerListEntries)
      .where(eq(callerListEntries.listId, input.id));
    await tx.delete(callerLists).where(eq(callerLists.id, input.id));
    afterCommit(() => pushToAsterisk((send) => dropList(send, input.id)));
    revalidatePath("/caller-lists");
    return {
      data: { id: input.id },
      audit: await stageChange(tx, user.id, {
        entity: "callerlist",
        action: "delete",
        entityId: input.id,
        entityLabel: before.name,
        before: { name: before.name, kind: before.kind, entries: n },
      }),
    };
  },
);

/**
 * Adds numbers and patterns (an existing one gets the new expiry). Exact numbers are live on the
 * next call: they go to AstDB right after the commit. Patterns are compiled, so they wait for the
 * next apply (a pending change says so).
 */
export const addListEntries = action(
  "blocklists.write",
  addListEntriesSchema,
  async (input, { tx, user, afterCommit }) => {
    const list = await loadForUpdate(tx, input.listId);
    const now = Date.now();
    const byValue = new Map(
      input.entries.map((e) => [
        e.value,
        { value: e.value, expiresAt: e.expiresInDays ? new Date(now + e.expiresInDays * DAY_MS) : null },
      ]),
    );
    const values = [...byValue.values()];
    await tx
      .insert(callerListEntries)
      .values(values.map((v) => ({ listId: list.id, ...v })))
      .onConflictDoUpdate({
        target: [callerListEntries.listId, callerListEntries.value],
        set: { expiresAt: sql`excluded.expires_at`, updatedAt: new Date(now) },
      });
    const patterns = values.filter((v) => v.value.startsWith("_"));
    const exact = values.filter((v) => !v.value.startsWith("_"));
    if (exact.length)
      afterCommit(() =>
        pushToAsterisk((send) => syncEntries(send, { put: exact.map((e) => ({ listId: list.id, ...e })) })),
      );
    revalidatePath(`/caller-lists/${list.id}`);
    const after = {
      added: values.map((v) => ({ value: v.value, expiresAt: v.expiresAt?.toISOString() ?? null })),
    };
    return {
      data: { added: values.length, patterns: patterns.length },
      audit: patterns.length
        ? await stageChange(tx, user.id, {
            entity: "callerlist",
            action: "update",
            entityId: list.id,
            entityLabel: list.name,
            after,
          })
        : {
            action: "callerlist.entries_add",
            entity: "callerlist",
            entityId: list.id,
            entityLabel: list.name,
            after,
          },
    };
  },
);

export const removeListEntries = action(
  "blocklists.write",
  removeListEntriesSchema,
  async (input, { tx, user, afterCommit }) => {
    const list = await loadForUpdate(tx, input.listId);
    const gone = await tx
      .delete(callerListEntries)
      .where(and(eq(callerListEntries.listId, list.id), inArray(callerListEntries.id, input.ids)))
      .returning({ value: callerListEntries.value });
    if (gone.length === 0) throw new AppError("not_found:entry", "Those entries are already gone.");
    const exact = gone.filter((g) => !g.value.startsWith("_"));
    const patterns = gone.filter((g) => g.value.startsWith("_"));
    if (exact.length)
      afterCommit(() =>
        pushToAsterisk((send) =>
          syncEntries(send, { del: exact.map((e) => ({ listId: list.id, value: e.value })) }),
        ),
      );
    revalidatePath(`/caller-lists/${list.id}`);
    const before = { removed: gone.map((g) => g.value) };
    return {
      data: { removed: gone.length },
      audit: patterns.length
        ? await stageChange(tx, user.id, {
            entity: "callerlist",
            action: "update",
            entityId: list.id,
            entityLabel: list.name,
            before,
          })
        : {
            action: "callerlist.entries_remove",
            entity: "callerlist",
            entityId: list.id,
            entityLabel: list.name,
            before,
          },
    };
  },
);

/**
 * AstDB writes after the commit. When Asterisk can't be reached the database still holds the
 * change, and the reconcile on the next apply or listener (re)connect brings AstDB in line.
 */
async function pushToAsterisk(work: (send: Parameters<typeof syncEntries>[0]) => Promise<unknown>) {
  try {
    await work((name, headers) => appAmiAction(name, headers));
  } catch (err) {
    log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      "AstDB sync of a list change deferred",
    );
  }
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: callerLists.id })
    .from(callerLists)
    .where(and(eq(callerLists.name, name), exceptId ? ne(callerLists.id, exceptId) : undefined))
    .limit(1);
  if (taken) {
    const message = `A list called “${name}” already exists.`;
    throw new AppError("conflict:name", message, { fieldErrors: { name: [message] } });
  }
}

async function loadForUpdate(tx: Tx, id: string): Promise<CallerList> {
  const [row] = await tx.select().from(callerLists).where(eq(callerLists.id, id)).for("update");
  if (!row) throw new AppError("not_found:list", "That list no longer exists.");
  return row;
}
