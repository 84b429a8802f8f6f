import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { CONFIG_FILE_NAMES, renderConfig } from "@/lib/asterisk/compiler/render";
import { type ApplyProgress, requestApply } from "@/lib/asterisk/publish/apply";
import type { AsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { expectationsFrom } from "@/lib/asterisk/publish/expectations";
import { readLiveFiles } from "@/lib/asterisk/publish/files";
import { RenderGuardError } from "@/lib/asterisk/template";
import { db } from "@/lib/db/client";
import { configChanges, configRevisions } from "@/lib/db/schema/config";
import { extensions } from "@/lib/db/schema/extensions";
import { encryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";

/**
 * A stand-in Asterisk that "loads" whatever files are in the directory on reload, so the
 * pipeline's write → reload → verify → restore logic runs for real in the default suite.
 * `rejectEndpoint` makes it keep an endpoint's old definition, as Asterisk does with a bad one.
 */
function fakeAsterisk(dir: string, opts: { rejectEndpoint?: string; failReload?: string } = {}) {
  let loaded = expectationsFrom(new Map());
  const log: string[] = [];
  const control: AsteriskControl = {
    async reload(module) {
      log.push(module);
      if (module === opts.failReload) throw new Error(`Module ${module} failed to reload`);
      const next = expectationsFrom(await readLiveFiles(dir));
      if (opts.rejectEndpoint && next.fingerprints.has(opts.rejectEndpoint)) {
        const old = loaded.fingerprints.get(opts.rejectEndpoint);
        if (old) next.fingerprints.set(opts.rejectEndpoint, old);
      }
      loaded = next;
    },
    endpoints: async () => new Set(loaded.endpoints),
    endpointFingerprint: async (name) => loaded.fingerprints.get(name),
    queues: async () => new Set(loaded.queues),
    contextExtensions: async (context) => new Set(loaded.contexts.get(context) ?? []),
    close: async () => {},
  };
  return { control, log };
}

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let dir: string;
const actor = { id: null, email: "test@example.test" };

beforeAll(async () => {
  testDb = await useTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "sb-apply-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await testDb.drop();
});

async function addExtension(number: string, displayName = `Ext ${number}`) {
  await db
    .insert(extensions)
    .values({ number, displayName, secret: encryptSecret(`Secret${number}Secret${number}`) });
  await db.insert(configChanges).values({ entity: "extension", entityLabel: number, action: "create" });
}

describe("the apply pipeline", () => {
  const fake = () => fakeAsterisk(dir);
  let shared: ReturnType<typeof fakeAsterisk>;

  it("writes, reloads only affected modules, verifies, records a revision and clears pending changes", async () => {
    shared = fake();
    // A first apply into an empty directory writes every file.
    const first = await requestApply({ actor, configDir: dir, connect: async () => shared.control });
    expect(first.changedFiles).toHaveLength(CONFIG_FILE_NAMES.length);
    shared.log.length = 0;

    await addExtension("3001");
    const steps: ApplyProgress[] = [];
    const result = await requestApply({
      actor,
      configDir: dir,
      connect: async () => shared.control,
      onProgress: (p) => steps.push(p),
    });
    expect(result.status).toBe("applied");
    expect(result.changedFiles).toEqual(["extensions_switchboard.conf", "pjsip_endpoints.conf"]);
    expect(shared.log).toEqual(["pbx_config.so", "res_pjsip.so"]);
    expect(readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8")).toContain("[3001]");
    expect(steps.map((s) => `${s.step}:${s.status}`)).toContain("verify:done");
    expect(await db.select().from(configChanges).where(isNull(configChanges.revisionId))).toHaveLength(0);
  });

  it("writes nothing and reloads nothing when nothing changed", async () => {
    shared.log.length = 0;
    const result = await requestApply({ actor, configDir: dir, connect: async () => shared.control });
    expect(result.status).toBe("noop");
    expect(shared.log).toEqual([]);
  });

  it("coalesces applies requested while one runs into a single follow-up run", async () => {
    await addExtension("3002");
    let connects = 0;
    const connect = async () => {
      connects++;
      await new Promise((r) => setTimeout(r, 50));
      return shared.control;
    };
    const [a, b, c] = await Promise.all([
      requestApply({ actor, configDir: dir, connect }),
      requestApply({ actor, configDir: dir, connect }),
      requestApply({ actor, configDir: dir, connect }),
    ]);
    expect(a.status).toBe("applied");
    expect(b).toBe(c); // the two that waited share one run
    expect(b.status).toBe("noop");
    expect(connects).toBe(1);
  });

  it("restores the previous files when Asterisk keeps an endpoint's old definition", async () => {
    const before = readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8");
    const rejecting = fakeAsterisk(dir, { rejectEndpoint: "3001" });
    await rejecting.control.reload("res_pjsip.so"); // load what is live now
    await db.update(extensions).set({ displayName: "Changed name" }).where(eq(extensions.number, "3001"));
    const result = await requestApply({ actor, configDir: dir, connect: async () => rejecting.control });
    expect(result.status).toBe("failed");
    expect(result.errorSource).toBe("extension 3001");
    expect(readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8")).toBe(before);
    const [rev] = await db.select().from(configRevisions).where(eq(configRevisions.id, result.revisionId!));
    expect(rev!.status).toBe("failed");
    expect(rev!.error).toContain("3001");
  });

  it("restores the previous files when a module refuses to reload", async () => {
    const before = readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8");
    const failing = fakeAsterisk(dir, { failReload: "res_pjsip.so" });
    const result = await requestApply({ actor, configDir: dir, connect: async () => failing.control });
    expect(result.status).toBe("failed");
    expect(result.error).toContain("failed to reload");
    expect(readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8")).toBe(before);
  });
});

describe("the renderer's guard on data that bypassed validation", () => {
  it("refuses a value inserted straight into the database, naming the object and field", async () => {
    const [row] = await db
      .insert(extensions)
      .values({
        number: "3999",
        displayName: "Evil\n[inject]\ntype=endpoint",
        secret: encryptSecret("Secret3999Secret3999"),
      })
      .returning();
    let error: unknown;
    try {
      renderConfig(await loadConfigState(db, { timezone: "UTC" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderGuardError);
    expect((error as RenderGuardError).source).toBe(`extension:${row!.id}`);
    expect((error as RenderGuardError).field).toBe("displayName");

    // And an apply refuses before writing anything.
    const before = readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8");
    const result = await requestApply({
      actor,
      configDir: dir,
      connect: async () => fakeAsterisk(dir).control,
    });
    expect(result.status).toBe("failed");
    expect(result.errorSource).toBe(`extension:${row!.id}`);
    expect(readFileSync(path.join(dir, "pjsip_endpoints.conf"), "utf8")).toBe(before);
    await db.delete(extensions).where(eq(extensions.id, row!.id));
  });
});
