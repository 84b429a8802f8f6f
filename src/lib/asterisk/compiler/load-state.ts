import { and, asc, eq as eqCol, isNotNull } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { getSetting } from "@/lib/db/queries/settings";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import { outboundRoutes, outboundRouteTrunks, trunks } from "@/lib/db/schema/trunks";
import { users } from "@/lib/db/schema/users";
import { decryptSecret } from "@/lib/settings/crypto";
import { ALLOW } from "../allowlists";
import { configColumns } from "./load-columns";
import { loadInboundState } from "./load-inbound";
import { loadRoutingState } from "./load-routing-state";
import type { ConfigState } from "./state";

/**
 * Reads everything the compiler needs in a handful of queries (no per-object round trips, so
 * 10,000 extensions load as fast as 10). Secrets are decrypted here; the renderer's guard then
 * refuses anything that isn't a valid SIP secret, including ciphertext that no longer decrypts.
 */
export async function loadConfigState(
  db: Db | Tx,
  options: { timezone?: string } = {},
): Promise<ConfigState> {
  const [extRows, groupRows, groupMemberRows, queueRows, queueMemberRows, vipRows] = await Promise.all([
    db.select(configColumns(extensions)).from(extensions).orderBy(asc(extensions.number)),
    db.select(configColumns(extensionGroups)).from(extensionGroups).orderBy(asc(extensionGroups.number)),
    db
      .select({
        groupId: extensionGroupMembers.groupId,
        position: extensionGroupMembers.position,
        number: extensions.number,
      })
      .from(extensionGroupMembers)
      .innerJoin(extensions, eqCol(extensionGroupMembers.extensionId, extensions.id))
      .orderBy(asc(extensionGroupMembers.groupId), asc(extensionGroupMembers.position)),
    db.select(configColumns(queues)).from(queues).orderBy(asc(queues.number)),
    db
      .select({
        queueId: queueMembers.queueId,
        kind: queueMembers.kind,
        penalty: queueMembers.penalty,
        number: extensions.number,
      })
      .from(queueMembers)
      .innerJoin(extensions, eqCol(queueMembers.extensionId, extensions.id)),
    db.select(configColumns(queueVipCallers)).from(queueVipCallers),
  ]);
  const inbound = await loadInboundState(db);
  const outbound = await loadOutbound(db);
  const timezone = options.timezone ?? (await getSetting("general.timezone")) ?? "UTC";
  const routing = await loadRoutingState(db);

  const membersByGroup = groupBy(groupMemberRows, (r) => r.groupId);
  const membersByQueue = groupBy(
    queueMemberRows.filter((r) => r.kind === "static"),
    (r) => r.queueId,
  );
  const vipsByQueue = groupBy(vipRows, (r) => r.queueId);

  return {
    timezone,
    ...routing,
    extensions: extRows.map((e) => ({
      id: e.id,
      number: e.number,
      displayName: e.displayName,
      secret: readSecret(e.secret),
      enabled: e.enabled,
      webrtc: e.webrtc,
      codecs: e.codecs,
      maxContacts: e.maxContacts,
      voicemailEnabled: e.voicemailEnabled,
      voicemailPin: e.voicemailPin,
      recordingPolicy: e.recordingPolicy,
      pickupGroup: e.pickupGroup,
      callWaiting: e.callWaiting,
      classOfService: e.classOfService,
      outboundCallerId: e.outboundCallerId,
      voicemailEmail: outbound.emails.get(e.number) ?? null,
    })),
    groups: groupRows.map((g) => ({
      id: g.id,
      number: g.number,
      name: g.name,
      strategy: g.strategy,
      ringTime: g.ringTime,
      members: (membersByGroup.get(g.id) ?? []).map((m) => m.number),
      failover: { type: g.failoverType, target: g.failoverTarget },
    })),
    queues: queueRows.map((q) => ({
      id: q.id,
      number: q.number,
      name: q.name,
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
      recordingPolicy: q.recordingPolicy,
      members: (membersByQueue.get(q.id) ?? []).map((m) => ({ number: m.number, penalty: m.penalty })),
      vips: (vipsByQueue.get(q.id) ?? []).map((v) => ({ number: v.number, priority: v.priority })),
      activeHours: q.activeHours,
      outOfHours: { type: q.outOfHoursType, target: q.outOfHoursTarget },
      lists: inbound.queueLists.get(q.id) ?? [],
      joinAnnounce: q.joinAnnounceSoundId,
      periodicAnnounce: q.periodicAnnounceSoundId,
      periodicAnnounceFrequency: q.periodicAnnounceFrequency,
      agentAnnounce: q.agentAnnounceSoundId,
    })),
    dids: inbound.dids,
    callerLists: inbound.callerLists,
    ringTrees: inbound.ringTrees,
    trunks: outbound.trunks,
    outboundRoutes: outbound.routes,
  };
}

/** Trunks, routes with their trunks in failover order, and voicemail e-mails by extension. */
async function loadOutbound(db: Db | Tx) {
  const [trunkRows, routeRows, routeTrunkRows, userRows] = await Promise.all([
    db.select(configColumns(trunks)).from(trunks).orderBy(asc(trunks.name)),
    db.select(configColumns(outboundRoutes)).from(outboundRoutes).orderBy(asc(outboundRoutes.position)),
    db
      .select({ routeId: outboundRouteTrunks.routeId, name: trunks.name })
      .from(outboundRouteTrunks)
      .innerJoin(trunks, eqCol(outboundRouteTrunks.trunkId, trunks.id))
      .orderBy(asc(outboundRouteTrunks.routeId), asc(outboundRouteTrunks.position)),
    db
      .select({ extension: users.extension, email: users.email })
      .from(users)
      .where(and(isNotNull(users.extension), eqCol(users.disabled, false)))
      .orderBy(asc(users.createdAt)),
  ]);
  const trunksByRoute = groupBy(routeTrunkRows, (r) => r.routeId);
  // An address voicemail.conf can't hold safely (a comma, a quote) gets no notification rather
  // than blocking every apply; the first enabled user at an extension wins.
  const emails = new Map<string, string>();
  for (const u of userRows)
    if (u.extension && !emails.has(u.extension) && ALLOW.email.test(u.email))
      emails.set(u.extension, u.email);
  return {
    emails,
    trunks: trunkRows.map((t) => ({
      id: t.id,
      name: t.name,
      direction: t.direction,
      authMode: t.authMode,
      host: t.host,
      port: t.port,
      transport: t.transport,
      username: t.username,
      secret: t.secret ? readSecret(t.secret) : "",
      fromUser: t.fromUser,
      codecs: t.codecs,
      dtmfMode: t.dtmfMode,
      maxChannels: t.maxChannels,
      callerIdMode: t.callerIdMode,
      fixedCallerId: t.fixedCallerId,
    })),
    routes: routeRows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      patterns: r.patterns,
      strip: r.strip,
      prepend: r.prepend,
      callerId: r.callerId,
      classes: r.classes,
      trunks: (trunksByRoute.get(r.id) ?? []).map((t) => t.name),
    })),
  };
}

function readSecret(ciphertext: string): string {
  try {
    return decryptSecret(ciphertext);
  } catch {
    return "";
  }
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
