"use server";

import { asc, eq, inArray, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { type OutboundRoute, outboundRoutes, outboundRouteTrunks, trunks } from "@/lib/db/schema/trunks";
import { AppError } from "@/lib/errors";
import { type OutboundResolution, resolveOutbound } from "@/lib/routing/outbound/resolve";
import {
  createRouteSchema,
  moveRouteSchema,
  type RouteValues,
  routeIdSchema,
  testRouteSchema,
  updateRouteSchema,
} from "@/lib/validations/trunk";

export const createRoute = action("trunks.write", createRouteSchema, async (input, { tx, user }) => {
  await lockRoutes(tx);
  const trunkNames = await checkTrunks(tx, input.trunks);
  const [last] = await tx
    .select({ max: sql<number | null>`max(${outboundRoutes.position})` })
    .from(outboundRoutes);
  const [row] = await tx
    .insert(outboundRoutes)
    .values({ ...columns(input), position: (last?.max ?? -1) + 1 })
    .returning();
  await writeTrunks(tx, row!.id, input.trunks);
  revalidatePath("/outbound-routes");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "route",
      action: "create",
      entityId: row!.id,
      entityLabel: row!.name,
      after: snapshot(row!, trunkNames),
    }),
  };
});

export const updateRoute = action("trunks.write", updateRouteSchema, async (input, { tx, user }) => {
  await lockRoutes(tx);
  const before = await loadForUpdate(tx, input.id);
  const trunkNames = await checkTrunks(tx, input.trunks);
  const beforeSnap = snapshot(before.route, before.trunks);
  const afterSnap = snapshot({ ...before.route, ...columns(input) }, trunkNames);
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  const [row] = await tx
    .update(outboundRoutes)
    .set(columns(input))
    .where(eq(outboundRoutes.id, input.id))
    .returning();
  await tx.delete(outboundRouteTrunks).where(eq(outboundRouteTrunks.routeId, input.id));
  await writeTrunks(tx, input.id, input.trunks);
  revalidatePath("/outbound-routes");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "route",
      action: "update",
      entityId: input.id,
      entityLabel: row!.name,
      before: beforeSnap,
      after: afterSnap,
    }),
  };
});

export const deleteRoute = action("trunks.write", routeIdSchema, async (input, { tx, user }) => {
  await lockRoutes(tx);
  const before = await loadForUpdate(tx, input.id);
  await tx.delete(outboundRoutes).where(eq(outboundRoutes.id, input.id));
  revalidatePath("/outbound-routes");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "route",
      action: "delete",
      entityId: input.id,
      entityLabel: before.route.name,
      before: snapshot(before.route, before.trunks),
    }),
  };
});

/** Swaps a route with its neighbour: route order is the order the dialplan tries them. */
export const moveRoute = action("trunks.write", moveRouteSchema, async (input, { tx, user }) => {
  await lockRoutes(tx);
  const all = await tx
    .select({ id: outboundRoutes.id, name: outboundRoutes.name, position: outboundRoutes.position })
    .from(outboundRoutes)
    .orderBy(asc(outboundRoutes.position), asc(outboundRoutes.id));
  const i = all.findIndex((r) => r.id === input.id);
  if (i < 0) throw new AppError("not_found:route", "That route no longer exists.");
  const j = input.direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= all.length) return { data: { id: input.id } };
  const order = all.map((r) => r.id);
  [order[i], order[j]] = [order[j]!, order[i]!];
  // Renumber densely so positions stay unique whatever they were before.
  for (const [position, id] of order.entries())
    await tx.update(outboundRoutes).set({ position }).where(eq(outboundRoutes.id, id));
  revalidatePath("/outbound-routes");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "route",
      action: "update",
      entityId: input.id,
      entityLabel: all[i]!.name,
      before: { order: all.map((r) => r.name) },
      after: { order: order.map((id) => all.find((r) => r.id === id)!.name) },
    }),
  };
});

export type RouteTestResult = OutboundResolution & { callerNumber: string };

/**
 * The pattern tester: which route and trunk a number would take, from the saved (not yet
 * necessarily applied) configuration, using the compiler's own state and resolver.
 */
export const testRoute = action("trunks.read", testRouteSchema, async (input, { tx }) => {
  // The time zone doesn't affect outbound routing; passing it keeps every read inside this
  // transaction (a settings read on another connection would wait on it with PGlite).
  const state = await loadConfigState(tx, { timezone: "UTC" });
  const ext = input.extension ? state.extensions.find((e) => e.number === input.extension) : undefined;
  if (input.extension && !ext) {
    const message = `There is no extension ${input.extension}.`;
    throw new AppError("bad_request:input", message, { fieldErrors: { extension: [message] } });
  }
  const caller = {
    number: ext?.number ?? "caller",
    classOfService: ext?.classOfService ?? input.classOfService,
    outboundCallerId: ext?.outboundCallerId ?? null,
  };
  const result: RouteTestResult = {
    ...resolveOutbound(state, caller, input.number),
    callerNumber: caller.number,
  };
  return { data: result };
});

function columns(input: RouteValues) {
  return {
    name: input.name,
    patterns: input.patterns,
    strip: input.strip,
    prepend: input.prepend,
    callerId: input.callerId,
    classes: input.classes,
  };
}

function snapshot(
  r: Pick<OutboundRoute, "name" | "patterns" | "strip" | "prepend" | "callerId" | "classes">,
  trunkNames: string[],
) {
  return {
    name: r.name,
    patterns: r.patterns,
    strip: r.strip,
    prepend: r.prepend,
    callerId: r.callerId,
    classes: r.classes,
    trunks: trunkNames,
  };
}

/** Route positions are renumbered as a whole; one writer at a time. */
async function lockRoutes(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(727101, 0)`);
}

/** Locks the chosen trunks (so none is deleted meanwhile) and checks they can carry calls out. */
async function checkTrunks(tx: Tx, ids: string[]): Promise<string[]> {
  const rows = await tx
    .select({ id: trunks.id, name: trunks.name, direction: trunks.direction })
    .from(trunks)
    .where(inArray(trunks.id, ids))
    .for("share");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    const message = "A chosen trunk no longer exists.";
    throw new AppError("bad_request:input", message, { fieldErrors: { trunks: [message] } });
  }
  const inbound = rows.filter((r) => r.direction === "inbound");
  if (inbound.length) {
    const message = `${inbound.map((r) => r.name).join(", ")} ${inbound.length === 1 ? "is" : "are"} inbound only.`;
    throw new AppError("bad_request:input", message, { fieldErrors: { trunks: [message] } });
  }
  return ids.map((id) => byId.get(id)!.name);
}

async function writeTrunks(tx: Tx, routeId: string, ids: string[]) {
  await tx
    .insert(outboundRouteTrunks)
    .values(ids.map((trunkId, position) => ({ routeId, trunkId, position })));
}

async function loadForUpdate(tx: Tx, id: string): Promise<{ route: OutboundRoute; trunks: string[] }> {
  const [route] = await tx.select().from(outboundRoutes).where(eq(outboundRoutes.id, id)).for("update");
  if (!route) throw new AppError("not_found:route", "That route no longer exists.");
  const rows = await tx
    .select({ name: trunks.name })
    .from(outboundRouteTrunks)
    .innerJoin(trunks, eq(trunks.id, outboundRouteTrunks.trunkId))
    .where(eq(outboundRouteTrunks.routeId, id))
    .orderBy(asc(outboundRouteTrunks.position));
  return { route, trunks: rows.map((r) => r.name) };
}
