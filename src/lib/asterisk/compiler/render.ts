import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CLASSES_OF_SERVICE } from "@/lib/db/schema/trunks";
import { routesInOrder } from "@/lib/routing/outbound/resolve";
import { type CompiledTemplate, compileTemplate } from "../template";
import { inboundScope, type Screen, screens } from "./render-inbound";
import { routingScope, soundPathIn } from "./render-ivr";
import type {
  ConfigState,
  Destination,
  ExtensionState,
  GroupState,
  OutboundRouteState,
  QueueState,
  TrunkState,
} from "./state";

/** The generated include files, and the Asterisk module each one belongs to. */
export const CONFIG_FILES = {
  "extensions_switchboard.conf": "pbx_config.so",
  "pjsip_endpoints.conf": "res_pjsip.so",
  "queues_switchboard.conf": "app_queue.so",
  "voicemail_switchboard.conf": "app_voicemail.so",
  "pjsip_trunks.conf": "res_pjsip.so",
  "musiconhold_switchboard.conf": "res_musiconhold.so",
} as const;

export type ConfigFile = keyof typeof CONFIG_FILES;
export const CONFIG_FILE_NAMES = Object.keys(CONFIG_FILES).sort() as ConfigFile[];

export type Templates = Record<ConfigFile, CompiledTemplate>;

/** File name → content, in stable (sorted) order. */
export type RenderedConfig = Map<ConfigFile, string>;

let cached: Templates | undefined;

/** Compiles asterisk-templates/*.conf once per process. */
export function loadTemplates(dir = path.resolve(process.cwd(), "asterisk-templates")): Templates {
  if (cached && dir === path.resolve(process.cwd(), "asterisk-templates")) return cached;
  const compiled = Object.fromEntries(
    CONFIG_FILE_NAMES.map((f) => [f, compileTemplate(f, readFileSync(path.join(dir, f), "utf8"))]),
  ) as Templates;
  cached = compiled;
  return compiled;
}

/**
 * The compiler: database state in, file contents out. Pure and deterministic — objects are
 * sorted by number, and every value passes its field's allowlist inside the templates (a value
 * that doesn't throws RenderGuardError, whatever put it in the database).
 */
export function renderConfig(state: ConfigState, templates: Templates = loadTemplates()): RenderedConfig {
  const byNumber = <T extends { number: string }>(a: T, b: T) =>
    a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  const extensions = [...state.extensions].sort(byNumber);
  const groups = [...state.groups].sort(byNumber);
  const queues = [...state.queues].sort(byNumber);
  const names = new Map(extensions.map((e) => [e.number, e.displayName]));
  const screenOf = screens(state);
  const soundPath = soundPathIn(state.soundsDir);

  const scope = {
    timezone: state.timezone,
    endpoints: extensions.filter((e) => e.enabled).map(endpointView),
    extensions: extensions.map(dialplanExtensionView),
    boxes: extensions
      .filter((e) => e.voicemailEnabled)
      .map((e) => ({
        __source: source("extension", e.id),
        number: e.number,
        pin: e.voicemailPin,
        displayName: e.displayName,
        email: e.voicemailEmail,
      })),
    groups: groups.map(groupView),
    queues: queues.map((q) => queueView(q, names, screenOf(q.lists), soundPath)),
    ...inboundScope(state),
    ...outboundScope(state),
    // IVRs, time conditions and music-on-hold classes (render-ivr.ts).
    ...routingScope(state),
  };
  const out: RenderedConfig = new Map();
  for (const file of CONFIG_FILE_NAMES) out.set(file, templates[file](scope));
  return out;
}

function source(kind: string, id: string) {
  return `${kind}:${id}`;
}

function endpointView(e: ExtensionState) {
  const fields = [
    e.number,
    e.displayName,
    e.secret,
    e.codecs.join("|"),
    e.maxContacts,
    e.voicemailEnabled,
    e.webrtc,
    e.pickupGroup,
    e.recordingPolicy,
    e.classOfService,
    e.outboundCallerId,
  ];
  return {
    __source: source("extension", e.id),
    /**
     * A digest of everything this endpoint renders. Asterisk keeps the old object when it
     * rejects a new one ("Retaining existing configuration"), so presence alone proves nothing:
     * the apply reads this back over AMI to prove the new definition is the live one.
     */
    fingerprint: hash("sha256", JSON.stringify(fields), "hex").slice(0, 12),
    number: e.number,
    displayName: e.displayName,
    secret: e.secret,
    codecs: e.codecs,
    maxContacts: e.maxContacts,
    voicemail: e.voicemailEnabled,
    webrtc: e.webrtc,
    hasPickupGroup: e.pickupGroup != null,
    pickupGroup: e.pickupGroup,
    recording: e.recordingPolicy,
    classOfService: e.classOfService,
    outboundCallerId: e.outboundCallerId,
  };
}

function dialplanExtensionView(e: ExtensionState) {
  return {
    __source: source("extension", e.id),
    number: e.number,
    recording: e.recordingPolicy,
    recordAlways: e.recordingPolicy === "always",
    callWaiting: e.callWaiting,
    voicemail: e.voicemailEnabled,
    enabled: e.enabled,
  };
}

function destinationView(d: Destination) {
  return {
    hangup: d.type === "hangup" || !d.target,
    voicemail: d.type === "voicemail" && Boolean(d.target),
    /** Every numbered destination is reached the same way: Goto(sb-internal,<number>,1). */
    goto: d.type !== "hangup" && d.type !== "voicemail" && Boolean(d.target),
    target: d.target,
  };
}

function groupView(g: GroupState) {
  return {
    __source: source("group", g.id),
    number: g.number,
    ringTime: g.ringTime,
    ringall: g.strategy === "ringall",
    members: g.members.map((number, i) => ({ number, rest: i > 0 })),
    failover: destinationView(g.failover),
  };
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function queueView(
  q: QueueState,
  names: Map<string, string>,
  screen: Screen,
  soundPath: (id: string | null) => string | null,
) {
  const periodic = soundPath(q.periodicAnnounce);
  return {
    __source: source("queue", q.id),
    number: q.number,
    strategy: q.strategy,
    memberTimeout: q.memberTimeout,
    retry: q.retry,
    wrapupTime: q.wrapupTime,
    maxLen: q.maxLen,
    weight: q.weight,
    joinEmpty: q.joinEmpty,
    leaveWhenEmpty: q.leaveWhenEmpty,
    announcePosition: q.announcePosition,
    announceHoldTime: q.announceHoldTime,
    mohClass: q.mohClass,
    serviceLevel: q.serviceLevel,
    recordAlways: q.recordingPolicy === "always",
    members: [...q.members]
      .sort((a, b) => (a.number < b.number ? -1 : 1))
      .map((m) => ({ number: m.number, penalty: m.penalty, displayName: names.get(m.number) ?? m.number })),
    vips: [...q.vips].sort((a, b) => (a.number < b.number ? -1 : 1)),
    hours: q.activeHours.map((w) => ({
      start: w.start,
      end: w.end,
      days: [...w.days].sort().map((d, i) => ({ name: DAY_NAMES[d] ?? String(d), rest: i > 0 })),
    })),
    closed: destinationView(q.outOfHours),
    screen,
    /** Played to the caller before Queue(); the dialplan's Playback answers the call. */
    joinAnnounce: soundPath(q.joinAnnounce),
    periodicAnnounce: periodic,
    periodicAnnounceFrequency: periodic ? q.periodicAnnounceFrequency : null,
    /** Played to the member who answers (queues.conf announce=). */
    agentAnnounce: soundPath(q.agentAnnounce),
  };
}

// ---- outbound routing: trunks (pjsip_trunks.conf), routes and classes of service ----

function outboundScope(state: ConfigState) {
  const trunks = [...state.trunks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(trunks.map((t) => [t.name, t]));
  const routes = routesInOrder(state.outboundRoutes);
  return {
    trunks: trunks.map(trunkView),
    outboundRoutes: routes.map((r) => routeView(r, byName)),
    classes: CLASSES_OF_SERVICE.map((name) => ({
      name,
      routes: routes.filter((r) => r.classes.includes(name)).map((r) => ({ id: r.id })),
    })),
  };
}

function trunkView(t: TrunkState) {
  const fields = [
    t.name,
    t.direction,
    t.authMode,
    t.host,
    t.port,
    t.transport,
    t.username,
    t.secret,
    t.fromUser,
    t.codecs.join("|"),
    t.dtmfMode,
  ];
  return {
    __source: source("trunk", t.id),
    fingerprint: hash("sha256", JSON.stringify(fields), "hex").slice(0, 12),
    name: t.name,
    transport: t.transport,
    uriTransport: t.transport === "udp" ? null : t.transport,
    /** Inbound calls go to the DIDs (sb-from-trunk); an outbound-only trunk refuses them. */
    context: t.direction === "outbound" ? "sb-trunk-refuse" : "sb-from-trunk",
    codecs: t.codecs,
    dtmfMode: t.dtmfMode,
    fromUser: t.fromUser,
    host: t.host,
    port: t.port,
    registration: t.authMode === "registration",
    username: t.username,
    secret: t.secret,
    identify: t.authMode === "ip" && t.direction !== "outbound",
  };
}

function routeView(r: OutboundRouteState, trunks: Map<string, TrunkState>) {
  return {
    __source: source("route", r.id),
    id: r.id,
    routeId: r.id,
    patterns: r.patterns,
    strip: r.strip,
    prepend: r.prepend,
    callerId: r.callerId,
    // Inbound-only trunks can't carry outbound calls; validate-state reports them.
    trunks: r.trunks
      .map((name) => trunks.get(name))
      .filter((t): t is TrunkState => t !== undefined && t.direction !== "inbound")
      .map((t) => ({
        name: t.name,
        callerIdMode: t.callerIdMode,
        fixedCallerId: t.callerIdMode === "fixed" ? t.fixedCallerId : null,
        maxChannels: t.maxChannels,
      })),
  };
}
