import { desc, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { configChanges } from "@/lib/db/schema/config";
import { extensions } from "@/lib/db/schema/extensions";
import type { CreateExtensionInput } from "@/lib/validations/extension";

let made = 0;

/** A number no other test in the file has used; 7 digits so it never meets a hand-picked one. */
export function freshNumber(): string {
  made += 1;
  return String(5_000_000 + made);
}

/** Valid form input for a new extension; override what the test is about. */
export function extensionInput(over: Partial<CreateExtensionInput> = {}): CreateExtensionInput {
  return {
    number: freshNumber(),
    displayName: "Test Phone",
    userId: "",
    enabled: true,
    webrtc: false,
    codecs: ["ulaw", "alaw"],
    maxContacts: "1",
    voicemailEnabled: false,
    voicemailPin: "",
    recordingPolicy: "never",
    outboundCallerId: "",
    pickupGroup: "",
    callWaiting: true,
    ...over,
  };
}

export async function extensionById(id: string) {
  const [row] = await db.select().from(extensions).where(eq(extensions.id, id));
  return row;
}

export async function extensionByNumber(number: string) {
  const [row] = await db.select().from(extensions).where(eq(extensions.number, number));
  return row;
}

export async function auditFor(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.id));
}

export async function pendingFor(entityId: string) {
  return db
    .select()
    .from(configChanges)
    .where(eq(configChanges.entityId, entityId))
    .orderBy(configChanges.id);
}

export async function countPending() {
  return db.$count(configChanges, isNull(configChanges.revisionId));
}
