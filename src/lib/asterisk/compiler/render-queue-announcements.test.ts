import { describe, expect, it } from "vitest";
import { validateState } from "../publish/validate-state";
import { RenderGuardError } from "../template";
import { renderConfig } from "./render";
import { SAMPLE_STATE } from "./sample-state";
import type { ConfigState, QueueState } from "./state";

const DIR = SAMPLE_STATE.soundsDir;
const WELCOME = "00000000-0000-4000-8000-000000009001";
const MENU = "00000000-0000-4000-8000-000000009002";
const sales = SAMPLE_STATE.queues.find((q) => q.number === "5000")!;
const support = SAMPLE_STATE.queues.find((q) => q.number === "5001")!;

const withQueue = (patch: Partial<QueueState>, base: QueueState = sales): ConfigState => ({
  ...SAMPLE_STATE,
  queues: [{ ...base, ...patch }, ...SAMPLE_STATE.queues.filter((q) => q.id !== base.id)],
});

/** The lines of one queue's extension in [sb-queues]. */
function queueExtension(dialplan: string, number: string): string[] {
  const context = dialplan.slice(dialplan.indexOf("[sb-queues]"));
  const lines = context.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`exten => ${number},1,`));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(" same => "));
  return lines.slice(start, end);
}

/** One queue's section of queues_switchboard.conf. */
function queueSection(conf: string, number: string): string[] {
  const lines = conf.split("\n");
  const start = lines.indexOf(`[q${number}]`);
  const end = lines.findIndex((l, i) => i > start && (l === "" || l.startsWith("[")));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe("queue announcements from the sound library", () => {
  it("plays the join greeting on the open path, just before Queue(), by the sound's path", () => {
    const lines = queueExtension(renderConfig(SAMPLE_STATE).get("extensions_switchboard.conf")!, "5000");
    const playback = lines.indexOf(` same => n,Playback(${DIR}/${WELCOME})`);
    const queue = lines.indexOf(" same => n,Queue(q5000,t,,,,,sb-record-member)");
    expect(playback).toBeGreaterThan(lines.indexOf(" same => n(open),NoOp()"));
    expect(queue).toBe(playback + 1);
    // A closed queue sends its callers elsewhere without the greeting.
    expect(lines.indexOf(" same => n(closed),NoOp()")).toBeGreaterThan(queue);
  });

  it("writes periodic-announce with its frequency and the agent's announce into the queue's section", () => {
    const section = queueSection(renderConfig(SAMPLE_STATE).get("queues_switchboard.conf")!, "5000");
    expect(section).toEqual(
      expect.arrayContaining([
        `periodic-announce=${DIR}/${MENU}`,
        "periodic-announce-frequency=45",
        `announce=${DIR}/${WELCOME}`,
      ]),
    );
  });

  it("renders nothing for a queue without announcements", () => {
    const files = renderConfig(SAMPLE_STATE);
    const section = queueSection(files.get("queues_switchboard.conf")!, "5001");
    expect(section.some((l) => /^(periodic-announce|announce)=/.test(l))).toBe(false);
    expect(section.some((l) => l.startsWith("periodic-announce-frequency="))).toBe(false);
    const lines = queueExtension(files.get("extensions_switchboard.conf")!, "5001");
    expect(lines.some((l) => l.includes("Playback("))).toBe(false);
  });

  it("renders each announcement on its own: an agent announcement alone adds only announce=", () => {
    const state = withQueue({ agentAnnounce: MENU }, support);
    const files = renderConfig(state);
    const section = queueSection(files.get("queues_switchboard.conf")!, "5001");
    expect(section.filter((l) => /announce=/.test(l) && !/^announce-/.test(l))).toEqual([
      `announce=${DIR}/${MENU}`,
    ]);
    expect(queueExtension(files.get("extensions_switchboard.conf")!, "5001").join("\n")).not.toContain(
      "Playback(",
    );
  });

  it.each([
    ["a join greeting that climbs out of the sounds dir", { joinAnnounce: "../../etc/passwd" }],
    ["a periodic announcement with a newline", { periodicAnnounce: `${MENU}\n[evil]` }],
    ["an agent announcement with dialplan syntax", { agentAnnounce: `${WELCOME},1)` }],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the injection payload itself
    ["a join greeting with an expression", { joinAnnounce: "${SHELL(id)}" }],
    ["a periodic announcement without a frequency", { periodicAnnounceFrequency: null }],
  ])("refuses %s, naming the queue", (_label, patch) => {
    let error: unknown;
    try {
      renderConfig(withQueue(patch));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderGuardError);
    expect((error as RenderGuardError).source).toBe(`queue:${sales.id}`);
  });

  it("validation names a missing sound and a frequency out of range before an apply", () => {
    const gone = "00000000-0000-4000-8000-00000000dead";
    const problems = validateState(
      withQueue({ joinAnnounce: gone, agentAnnounce: gone, periodicAnnounceFrequency: 5 }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: `queue:${sales.id}`,
          field: "joinAnnounceSoundId",
          message: "the join greeting uses a sound that no longer exists.",
        }),
        expect.objectContaining({ source: `queue:${sales.id}`, field: "agentAnnounceSoundId" }),
        expect.objectContaining({
          source: `queue:${sales.id}`,
          field: "periodicAnnounceFrequency",
          message: "the periodic announcement needs a frequency of 15 to 600 seconds.",
        }),
      ]),
    );
    expect(validateState(SAMPLE_STATE)).toEqual([]);
  });
});
