"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { describeReferrers, findDestinationReferrers } from "@/lib/db/queries/destinations";
import { type Ivr, ivrRefs, ivrs, ivrVersions } from "@/lib/db/schema/ivr";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import { graphRefs, type IvrGraph, ivrGraphSchema } from "@/lib/ivr/graph";
import { assertGraphValid } from "@/lib/ivr/server-check";
import {
  createIvrSchema,
  deleteIvrSchema,
  restoreIvrVersionSchema,
  saveIvrSchema,
} from "@/lib/validations/ivr";

export const createIvr = action("ivrs.write", createIvrSchema, async (input, { tx, user }) => {
  await checkAll([() => assertNumberFree(tx, input.number), () => assertGraphValid(tx, input.graph, input)]);
  const [row] = await tx
    .insert(ivrs)
    .values({ number: input.number, name: input.name, version: 1, graph: input.graph })
    .returning();
  await writeVersion(tx, row!, user.id, null);
  revalidatePath("/ivrs");
  return {
    data: { id: row!.id, version: 1 },
    audit: await stageChange(tx, user.id, {
      entity: "ivr",
      action: "create",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      after: snapshot(row!),
    }),
  };
});

/** Every save is a new version, and the newest version is the one that compiles. */
export const saveIvr = action("ivrs.write", saveIvrSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await checkAll([
    async () => {
      if (input.number === before.number) return;
      await assertNumberFree(tx, input.number, { id: before.id });
      await assertUnreferenced(tx, before, "number");
    },
    () => assertGraphValid(tx, input.graph, input),
  ]);
  const unchanged =
    input.number === before.number &&
    input.name === before.name &&
    stableJson(input.graph) === stableJson(before.graph);
  if (unchanged) return { data: { id: before.id, version: before.version } };
  const [row] = await tx
    .update(ivrs)
    .set({ number: input.number, name: input.name, graph: input.graph, version: before.version + 1 })
    .where(eq(ivrs.id, input.id))
    .returning();
  await writeVersion(tx, row!, user.id, null);
  revalidatePath("/ivrs");
  return {
    data: { id: row!.id, version: row!.version },
    audit: await stageChange(tx, user.id, {
      entity: "ivr",
      action: "update",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      before: snapshot(before),
      after: snapshot(row!),
    }),
  };
});

/** Saves an old version's graph again as the newest version (re-checked against today's data). */
export const restoreIvrVersion = action(
  "ivrs.write",
  restoreIvrVersionSchema,
  async (input, { tx, user }) => {
    const before = await loadForUpdate(tx, input.id);
    const [old] = await tx
      .select()
      .from(ivrVersions)
      .where(and(eq(ivrVersions.ivrId, input.id), eq(ivrVersions.version, input.version)));
    if (!old) throw new AppError("not_found:ivr_version", `Version ${input.version} does not exist.`);
    const graph = ivrGraphSchema.parse(old.graph);
    await assertGraphValid(tx, graph, before);
    const [row] = await tx
      .update(ivrs)
      .set({ graph, version: before.version + 1 })
      .where(eq(ivrs.id, input.id))
      .returning();
    await writeVersion(tx, row!, user.id, `restored from version ${input.version}`);
    revalidatePath(`/ivrs/${input.id}`);
    return {
      data: { id: row!.id, version: row!.version },
      audit: await stageChange(tx, user.id, {
        entity: "ivr",
        action: "update",
        entityId: row!.id,
        entityLabel: labelOf(row!),
        before: snapshot(before),
        after: { ...snapshot(row!), restoredFrom: input.version },
      }),
    };
  },
);

export const deleteIvr = action("ivrs.write", deleteIvrSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await assertUnreferenced(tx, before);
  await tx.delete(ivrs).where(eq(ivrs.id, input.id));
  revalidatePath("/ivrs");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "ivr",
      action: "delete",
      entityId: input.id,
      entityLabel: labelOf(before),
      before: snapshot(before),
    }),
  };
});

async function writeVersion(tx: Tx, row: Ivr, userId: string, note: string | null) {
  await tx
    .insert(ivrVersions)
    .values({ ivrId: row.id, version: row.version, graph: row.graph, savedBy: userId, note });
  await tx.delete(ivrRefs).where(eq(ivrRefs.ivrId, row.id));
  const refs = graphRefs(row.graph as IvrGraph);
  if (refs.length) await tx.insert(ivrRefs).values(refs.map((r) => ({ ivrId: row.id, ...r })));
}

function snapshot(i: Ivr) {
  const g = i.graph as IvrGraph;
  return {
    number: i.number,
    name: i.name,
    version: i.version,
    steps: g.nodes.length,
    connections: g.edges.length,
  };
}

function labelOf(i: Pick<Ivr, "number" | "name">) {
  return `${i.number} ${i.name}`;
}

async function loadForUpdate(tx: Tx, id: string): Promise<Ivr> {
  const [row] = await tx.select().from(ivrs).where(eq(ivrs.id, id)).for("update");
  if (!row) throw new AppError("not_found:ivr", "That IVR no longer exists.");
  return row;
}

async function assertUnreferenced(tx: Tx, ivr: Ivr, field?: "number") {
  const refs = await findDestinationReferrers({ tx, type: "ivr", number: ivr.number, exceptId: ivr.id });
  if (refs.length === 0) return;
  const message = `IVR ${ivr.number} is still used by ${describeReferrers(refs)}. Point ${
    refs.length === 1 ? "it" : "them"
  } elsewhere first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}

/** JSON with object keys sorted: jsonb gives keys back in its own order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
