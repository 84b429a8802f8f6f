"use server";

import { and, asc, eq, ne } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { outboundRoutes, outboundRouteTrunks, type Trunk, trunks } from "@/lib/db/schema/trunks";
import { AppError } from "@/lib/errors";
import { encryptSecret } from "@/lib/settings/crypto";
import {
  createTrunkSchema,
  type TrunkValues,
  trunkIdSchema,
  updateTrunkSchema,
} from "@/lib/validations/trunk";

export const createTrunk = action("trunks.write", createTrunkSchema, async (input, { tx, user }) => {
  await assertNameFree(tx, input.name);
  const [row] = await tx
    .insert(trunks)
    .values({
      ...columns(input),
      secret: input.authMode === "registration" && input.secret ? encryptSecret(input.secret) : null,
    })
    .returning();
  revalidatePath("/trunks");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "trunk",
      action: "create",
      entityId: row!.id,
      entityLabel: row!.name,
      after: snapshot(row!),
    }),
  };
});

export const updateTrunk = action("trunks.write", updateTrunkSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  if (input.name !== before.name) await assertNameFree(tx, input.name, before.id);
  // An empty password keeps the stored one; a registration trunk must end up with one.
  const secret =
    input.authMode !== "registration" ? null : input.secret ? encryptSecret(input.secret) : before.secret;
  if (input.authMode === "registration" && !secret) {
    const message = "Registration needs the account's password.";
    throw new AppError("bad_request:input", message, { fieldErrors: { secret: [message] } });
  }
  const next = { ...columns(input), secret };
  const changed = JSON.stringify(snapshot({ ...before, ...next })) !== JSON.stringify(snapshot(before));
  if (!changed && !input.secret) return { data: { id: input.id } };
  const [row] = await tx.update(trunks).set(next).where(eq(trunks.id, input.id)).returning();
  revalidatePath("/trunks");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "trunk",
      action: "update",
      entityId: input.id,
      entityLabel: row!.name,
      before: snapshot(before),
      after: { ...snapshot(row!), ...(input.secret ? { passwordChanged: true } : {}) },
    }),
  };
});

export const deleteTrunk = action("trunks.write", trunkIdSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  const users = await tx
    .select({ name: outboundRoutes.name })
    .from(outboundRouteTrunks)
    .innerJoin(outboundRoutes, eq(outboundRoutes.id, outboundRouteTrunks.routeId))
    .where(eq(outboundRouteTrunks.trunkId, input.id))
    .orderBy(asc(outboundRoutes.position));
  if (users.length > 0) {
    const names = users.map((u) => `"${u.name}"`).join(", ");
    throw new AppError(
      "conflict:in_use",
      `Trunk ${before.name} is still used by the outbound route${users.length === 1 ? "" : "s"} ${names}. Remove it from ${users.length === 1 ? "that route" : "them"} first.`,
    );
  }
  await tx.delete(trunks).where(eq(trunks.id, input.id));
  revalidatePath("/trunks");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "trunk",
      action: "delete",
      entityId: input.id,
      entityLabel: before.name,
      before: snapshot(before),
    }),
  };
});

function columns(input: TrunkValues) {
  return {
    name: input.name,
    direction: input.direction,
    authMode: input.authMode,
    host: input.host,
    port: input.port,
    transport: input.transport,
    username: input.username,
    fromUser: input.fromUser,
    codecs: input.codecs,
    dtmfMode: input.dtmfMode,
    maxChannels: input.maxChannels,
    callerIdMode: input.callerIdMode,
    fixedCallerId: input.callerIdMode === "fixed" ? input.fixedCallerId : null,
  };
}

/** What the audit log shows of a trunk: everything but the password. */
function snapshot(t: Omit<Trunk, "id" | "createdAt" | "updatedAt"> & Partial<Trunk>) {
  return {
    name: t.name,
    direction: t.direction,
    authMode: t.authMode,
    host: t.host,
    port: t.port,
    transport: t.transport,
    username: t.username,
    fromUser: t.fromUser,
    codecs: t.codecs,
    dtmfMode: t.dtmfMode,
    maxChannels: t.maxChannels,
    callerIdMode: t.callerIdMode,
    fixedCallerId: t.fixedCallerId,
    hasPassword: Boolean(t.secret),
  };
}

async function loadForUpdate(tx: Tx, id: string): Promise<Trunk> {
  const [row] = await tx.select().from(trunks).where(eq(trunks.id, id)).for("update");
  if (!row) throw new AppError("not_found:trunk", "That trunk no longer exists.");
  return row;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [other] = await tx
    .select({ id: trunks.id })
    .from(trunks)
    .where(exceptId ? eqName(name, exceptId) : eq(trunks.name, name))
    .limit(1);
  if (other) {
    const message = `A trunk named ${name} already exists.`;
    throw new AppError("conflict:name", message, { fieldErrors: { name: [message] } });
  }
}

function eqName(name: string, exceptId: string) {
  return and(eq(trunks.name, name), ne(trunks.id, exceptId));
}
