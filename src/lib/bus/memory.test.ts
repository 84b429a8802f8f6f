import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { busContract } from "../../../tests/support/bus-contract";
import { CHANNELS } from "./events";
import { MemoryBus } from "./memory";

describe("MemoryBus", () => {
  const bus = new MemoryBus();
  busContract(
    () => bus,
    (name) => `test:${name}`,
  );

  it("keeps separate instances apart (it is one process's bus)", async () => {
    const other = new MemoryBus();
    const got: string[] = [];
    other.subscribe(CHANNELS.sessions, (e) => got.push(e.userId));
    await bus.publish(CHANNELS.sessions, {
      type: "session.revoked",
      userId: randomUUID(),
      reason: "logout",
      at: 1,
    });
    expect(got).toEqual([]);
    await other.close();
  });

  it("close() drops every subscriber", async () => {
    const b = new MemoryBus();
    const got: string[] = [];
    b.subscribe(CHANNELS.sessions, (e) => got.push(e.userId));
    await b.close();
    await b.publish(CHANNELS.sessions, {
      type: "session.revoked",
      userId: randomUUID(),
      reason: "logout",
      at: 1,
    });
    expect(got).toEqual([]);
  });
});
