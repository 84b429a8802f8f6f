import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busContract } from "../../../tests/support/bus-contract";
import { listen } from "../../../tests/support/listen";
import { CHANNELS } from "./events";
import { RedisBus } from "./redis";

const url = process.env.REDIS_URL;
// Snapshot keys are shared by everything on this Redis: a per-run prefix keeps runs apart.
const run = `test-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;

describe.runIf(url)("RedisBus (REDIS_URL set)", () => {
  let bus: RedisBus;
  let other: RedisBus;
  let raw: Redis;

  beforeAll(() => {
    bus = new RedisBus(url!);
    other = new RedisBus(url!);
    raw = new Redis(url!);
  });

  afterAll(async () => {
    const keys = await raw.keys(`switchboard:snapshot:${run}:*`);
    if (keys.length) await raw.del(...keys);
    raw.disconnect();
    await Promise.all([bus.close(), other.close()]);
  });

  busContract(
    () => bus,
    (name) => `${run}:${name}`,
  );

  it("delivers across connections: what one process publishes another receives", async () => {
    const l = await listen(other, CHANNELS.sessions);
    const userId = randomUUID();
    await bus.publish(CHANNELS.sessions, { type: "session.revoked", userId, reason: "replaced", at: 2 });
    expect(await l.waitFor((e) => e.userId === userId)).toMatchObject({ userId, reason: "replaced" });
    l.close();
  });

  it("shares snapshots across connections", async () => {
    await bus.setSnapshot(`${run}:shared`, { version: 3, data: { ok: true } });
    expect(await other.getSnapshot(`${run}:shared`)).toEqual({ version: 3, data: { ok: true } });
    expect(await other.setSnapshot(`${run}:shared`, { version: 2, data: { ok: false } })).toBe(false);
  });

  it("drops raw messages that are not valid events and keeps delivering valid ones", async () => {
    const l = await listen(bus, CHANNELS.sessions);
    const badId = randomUUID();
    const goodId = randomUUID();
    await raw.publish(CHANNELS.sessions, "not json");
    await raw.publish(
      CHANNELS.sessions,
      JSON.stringify({ type: "session.revoked", userId: badId, reason: "hax" }),
    );
    await raw.publish(CHANNELS.sessions, JSON.stringify({ type: "shell.exec", userId: badId, at: 1 }));
    await raw.publish(
      CHANNELS.sessions,
      JSON.stringify({ type: "session.revoked", userId: goodId, reason: "logout", at: 3 }),
    );
    await l.waitFor((e) => e.userId === goodId);
    expect(l.events.some((e) => e.userId === badId)).toBe(false);
    l.close();
  });

  it("answers ping false once closed instead of throwing", async () => {
    const b = new RedisBus(url!);
    expect(await b.ping()).toBe(true);
    await b.close();
    expect(await b.ping()).toBe(false);
  });
});
