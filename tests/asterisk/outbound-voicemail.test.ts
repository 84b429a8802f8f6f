import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clickToCall } from "@/app/(admin)/panel/actions";
import { GET } from "@/app/api/voicemail/[box]/[folder]/[index]/route";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { requestApply } from "@/lib/asterisk/publish/apply";
import { connectAsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { outboundRoutes, outboundRouteTrunks, trunks } from "@/lib/db/schema/trunks";
import { ffmpegPath } from "@/lib/recordings/ffmpeg";
import { resolveOutbound } from "@/lib/routing/outbound/resolve";
import { encryptSecret } from "@/lib/settings/crypto";
import { convertGreeting } from "@/lib/voicemail/greeting";
import { greetingPath, listMessages, voicemailRoot } from "@/lib/voicemail/spool";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";
import { asterisk } from "./env";
import { cli, startBaresip, waitFor } from "./helpers";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", async () => (await import("../support/recordings")).sessionMock(session));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let ami: AmiClient;
const events: AmiEvent[] = [];
const trunkIds: Record<string, string> = {};

beforeAll(async () => {
  testDb = await useTestDb();
  ami = new AmiClient({ ...asterisk.ami, actionIdPrefix: "sb-out-test" });
  ami.on("event", (e: AmiEvent) => events.push(e));
  await ami.connect();
  await db.insert(extensions).values({
    number: "7801",
    displayName: "Out 7801",
    secret: encryptSecret("Tst7801secretABCDEFGH12"),
    classOfService: "national",
    voicemailEnabled: true,
    voicemailPin: "4321",
  });
  // Two IP trunks to the stand-in carrier on 127.0.0.1:5070; the From user picks its endpoint.
  const base = {
    direction: "outbound",
    authMode: "ip",
    host: "127.0.0.1",
    port: 5070,
    transport: "udp",
  } as const;
  for (const [name, fromUser] of [
    ["sbtrk-a", "sbcarriera"],
    ["sbtrk-c", "sbcarrierc"],
  ] as const) {
    const [row] = await db
      .insert(trunks)
      .values({ ...base, name, fromUser })
      .returning();
    trunkIds[name] = row!.id;
  }
  const [intl] = await db
    .insert(outboundRoutes)
    .values({ name: "Intl test", position: 0, patterns: ["_0044X."], classes: ["international"] })
    .returning();
  const [natl] = await db
    .insert(outboundRoutes)
    .values({
      name: "Natl test",
      position: 1,
      patterns: ["_0[1-9]XXX."],
      strip: 1,
      prepend: "44",
      callerId: "+4420000001",
      classes: ["national", "international"],
    })
    .returning();
  await db.insert(outboundRouteTrunks).values([
    { routeId: intl!.id, trunkId: trunkIds["sbtrk-c"]!, position: 0 },
    { routeId: intl!.id, trunkId: trunkIds["sbtrk-a"]!, position: 1 },
    { routeId: natl!.id, trunkId: trunkIds["sbtrk-a"]!, position: 0 },
  ]);
  const applied = await requestApply({
    actor: { id: null, email: "test@switchboard.test" },
    configDir: asterisk.configDir,
    connect: () => connectAsteriskControl(asterisk.ami),
  });
  expect(applied.error).toBeUndefined();
});

afterAll(async () => {
  await ami?.close();
  await testDb?.drop();
});

const carrierEvents = (since: number) =>
  events.slice(since).filter((e) => e.fields.UserEvent === "SbTestCarrier");
const routeEvents = (since: number) =>
  events
    .slice(since)
    .filter((e) => e.fields.UserEvent === "SwitchboardRoute" && e.fields.Step === "outbound");

async function dialFrom(context: string, number: string) {
  await ami.action("Originate", {
    Channel: `Local/${number}@${context}`,
    Application: "Wait",
    Data: "3",
    CallerID: "7801",
    Async: "true",
  });
}

describe("outbound routes on a real Asterisk", () => {
  it("fails over from a congested trunk to the next, as the tester predicts", async () => {
    const mark = events.length;
    await dialFrom("sb-cos-international", "00441234567");
    const got = await waitFor(
      "the call to reach carrier a",
      async () => {
        const c = carrierEvents(mark);
        return c.some((e) => e.fields.Endpoint === "sbcarriera") && c;
      },
      20_000,
    );
    expect(got.map((e) => [e.fields.Endpoint, e.fields.Number])).toEqual([
      ["sbcarrierc", "00441234567"],
      ["sbcarriera", "00441234567"],
    ]);
    expect(routeEvents(mark).map((e) => e.fields.Detail)).toEqual(["sbtrk-c", "sbtrk-a"]);

    const state = await loadConfigState(db);
    const predicted = resolveOutbound(
      state,
      { number: "7801", classOfService: "international", outboundCallerId: null },
      "00441234567",
    );
    expect(predicted.kind === "route" && predicted.attempts.map((a) => a.trunk)).toEqual([
      "sbtrk-c",
      "sbtrk-a",
    ]);
    expect(predicted.kind === "route" && predicted.route.id).toBe(routeEvents(mark)[0]!.fields.Target);
  });

  it("strips, prepends and sends the route's caller ID on the national route", async () => {
    const mark = events.length;
    await dialFrom("sb-cos-national", "0207946");
    const got = await waitFor("the national call at carrier a", async () => carrierEvents(mark)[0], 20_000);
    expect(got.fields).toMatchObject({ Endpoint: "sbcarriera", Number: "44207946", Caller: "+4420000001" });
  });

  it("click-to-call rings the user's own phone, then dials out through the route its class may use", async () => {
    const phone = startBaresip({
      user: "7801",
      password: "Tst7801secretABCDEFGH12",
      port: 5291,
      autoAnswer: true,
    });
    try {
      await waitFor(
        "7801 registered",
        async () => (await cli("pjsip show contacts")).includes("7801/sip:7801"),
        20_000,
      );
      session.current = currentUserFor(await insertUser({ role: "admin", extension: "7801" }));
      const mark = events.length;
      expect(await clickToCall({ number: "0207946" })).toMatchObject({ ok: true });
      const got = await waitFor("the click-to-call at carrier a", async () => carrierEvents(mark)[0], 20_000);
      expect(got.fields).toMatchObject({ Endpoint: "sbcarriera", Number: "44207946", Caller: "+4420000001" });
      // A number the class may not dial is refused by the same dialplan the phone dials from.
      const refused = events.length;
      expect(await clickToCall({ number: "00441234567" })).toMatchObject({
        ok: false,
        error: {
          code: "bad_request:number",
          message: "No number or outbound route lets extension 7801 (class national) dial 00441234567.",
        },
      });
      await new Promise((r) => setTimeout(r, 3000));
      expect(carrierEvents(refused)).toEqual([]);
    } finally {
      await ami.action("Hangup", { Channel: "/^PJSIP\\/7801-/" }).catch(() => {});
      await phone.stop();
      await closeAppAmi();
    }
  });

  it("refuses a route the caller's class doesn't admit", async () => {
    const mark = events.length;
    await dialFrom("sb-cos-national", "00441234567");
    await new Promise((r) => setTimeout(r, 3000));
    expect(carrierEvents(mark)).toEqual([]);
    expect(routeEvents(mark)).toEqual([]);
  });
});

describe("voicemail on a real Asterisk", () => {
  it("a message left in a box shows in visual voicemail and plays with Range", async () => {
    const root = voicemailRoot(asterisk.spoolDir);
    const before = (await listMessages(root, "7801")).length;
    // A short uploaded greeting (an MP3 converted to 8 kHz mono WAV) replaces the spoken
    // "the person at extension…" so the message starts recording at once.
    const work = await mkdtemp(path.join(tmpdir(), "sb-greet-"));
    const mp3 = path.join(work, "greeting.mp3");
    execFileSync(ffmpegPath()!, [
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=600:duration=0.5",
      mp3,
    ]);
    const greeting = await greetingPath(root, "7801", "unavail");
    await convertGreeting(mp3, greeting);
    const header = (await readFile(greeting)).subarray(0, 44);
    expect(header.toString("ascii", 0, 4)).toBe("RIFF");
    expect(header.readUInt16LE(22)).toBe(1); // mono
    expect(header.readUInt32LE(24)).toBe(8000); // 8 kHz
    // A caller dials 7801 the way any call does (sb-internal); the phone isn't registered, so
    // the call goes to voicemail, where the caller plays a recording for a few seconds.
    await ami.action("Originate", {
      Channel: "Local/7801@sb-internal",
      Application: "Playback",
      Data: "tt-monkeys",
      CallerID: '"Tester" <7899>',
      Async: "true",
    });
    await new Promise((r) => setTimeout(r, 12_000));
    await ami.action("Hangup", { Channel: "/^Local\\/7801@sb-internal-/" }).catch(() => {});
    const list = await waitFor(
      "the new message",
      async () => {
        const l = await listMessages(root, "7801");
        return l.length > before && l;
      },
      15_000,
    );
    const message = list.find((m) => m.folder === "INBOX" && m.callerId.includes("7899"))!;
    expect(message).toBeDefined();
    expect(message.duration).toBeGreaterThanOrEqual(1);

    const owner = await insertUser({ role: "agent", extension: "7801" });
    const stranger = await insertUser({ role: "agent", extension: "7802" });
    const call = (range?: string) =>
      GET(new Request("http://localhost/api/voicemail", { headers: range ? { range } : {} }), {
        params: Promise.resolve({ box: "7801", folder: message.folder, index: String(message.index) }),
      });
    session.current = currentUserFor(owner);
    const full = await call();
    expect(full.status).toBe(200);
    const body = Buffer.from(await full.arrayBuffer());
    expect(body.subarray(0, 4).toString()).toBe("RIFF");
    const part = await call("bytes=0-99");
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    session.current = currentUserFor(stranger);
    expect((await call()).status).toBe(403);
  });
});
