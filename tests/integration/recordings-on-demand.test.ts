import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { queues } from "@/lib/db/schema/queues";
import { assertOnDemandAllowed } from "@/lib/recordings/on-demand";
import { useTestDb } from "../support/test-db";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
  await db.insert(extensions).values([
    { number: "1001", displayName: "Never", secret: "x", recordingPolicy: "never" },
    { number: "1002", displayName: "On demand", secret: "x", recordingPolicy: "on_demand" },
    { number: "1003", displayName: "Always", secret: "x", recordingPolicy: "always" },
  ]);
  await db.insert(queues).values([
    { number: "5000", name: "Never", recordingPolicy: "never" },
    { number: "5001", name: "On demand", recordingPolicy: "on_demand" },
  ]);
});
afterAll(async () => {
  await testDb.drop();
});

describe("on-demand recording follows the recording policies", () => {
  it.each([
    [{ endpoint: "1002" }, null],
    [{ endpoint: "1003" }, null],
    [{ endpoint: "1002", queue: "q5001" }, null],
    [{ endpoint: null, queue: "q5001" }, null],
    [{ endpoint: "9999" }, null],
    [{ endpoint: "1001" }, "Extension 1001 is never recorded"],
    [{ endpoint: "1002", queue: "q5000" }, "Calls of queue 5000 are never recorded"],
  ])("%o", async (leg, refusal) => {
    const outcome = await assertOnDemandAllowed(db, leg).then(
      () => null,
      (e: Error & { code?: string }) => {
        expect(e.code).toBe("forbidden:recording_policy");
        return e.message;
      },
    );
    if (refusal) expect(outcome).toContain(refusal);
    else expect(outcome).toBeNull();
  });
});
