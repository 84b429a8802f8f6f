import { parkedHeaders } from "./parking";
import { availableMembers } from "./queue-calls";
import type { SimWorld } from "./sim-world";
import { bridgeHeaders, channelHeaders, formatMessage, hms, type WireHeaders } from "./wire-format";
import { extensionStatusOf, memberHeaders } from "./world-devices";
import type { DeviceState } from "./world-types";

/** Reads an action header case-insensitively, as astman_get_header does. */
export type HeaderLookup = (key: string) => string;

/**
 * The list actions, answered from the world in Asterisk 22's exact shapes (see the fixtures
 * README): `Response: Success` + `EventList: start`, the items, then `<Name>Complete` with
 * `EventList: Complete` and `ListItems`. Items carry no Privilege or Timestamp; QueueParams,
 * QueueMember, QueueEntry, QueueSummary and ParkedCall put ActionID last. Everything is built in
 * one synchronous call and written at once, so no event can fall between two items.
 * Returns undefined for an action that is not a list.
 */
export function listAction(
  world: SimWorld,
  action: string,
  get: HeaderLookup,
  id: string,
): string | undefined {
  const builder = LISTS[action.toLowerCase()];
  return builder ? builder(world, get, id) : undefined;
}

type Item = { event: string; headers: WireHeaders; actionIdLast?: boolean };

const LISTS: Record<string, (world: SimWorld, get: HeaderLookup, id: string) => string> = {
  coreshowchannels: (world, _get, id) =>
    list(
      id,
      "Channels will follow",
      "CoreShowChannelsComplete",
      [...world.channels.values()].map((ch) => ({
        event: "CoreShowChannel",
        headers: [
          ...channelHeaders(ch),
          ["Application", ch.application],
          ["ApplicationData", ch.applicationData],
          ["Duration", hms((world.now() - ch.createdAt) / 1000)],
          ["BridgeId", ch.bridgeId ?? ""],
        ],
      })),
    ),
  bridgelist: (world, get, id) => {
    const type = get("BridgeType");
    const bridges = [...world.bridges.values()].filter((b) => !type || b.type === type);
    return list(
      id,
      "Bridge listing will follow",
      "BridgeListComplete",
      bridges.map((b) => ({
        event: "BridgeListItem",
        headers: bridgeHeaders(b),
      })),
    );
  },
  extensionstatelist: (world, _get, id) =>
    list(
      id,
      "Extension Statuses will follow",
      "ExtensionStateListComplete",
      world.hints.map((hint) => {
        const [status, text] = extensionStatusOf(world.devices.get(hint.hint));
        return {
          event: "ExtensionStatus",
          headers: [
            ["Exten", hint.exten],
            ["Context", hint.context],
            ["Hint", hint.hint],
            ["Status", String(status)],
            ["StatusText", text],
          ],
        };
      }),
    ),
  devicestatelist: (world, _get, id) =>
    list(
      id,
      "Device State Changes will follow",
      "DeviceStateListComplete",
      [...world.devices].map(([device, state]) => ({
        event: "DeviceStateChange",
        headers: [
          ["Device", device],
          ["State", state],
        ],
      })),
    ),
  queuestatus: (world, get, id) => {
    const wanted = get("Queue");
    const member = get("Member");
    const items: Item[] = [];
    for (const queue of world.queues.values()) {
      if (wanted && queue.name !== wanted) continue;
      const completed = queue.completed;
      items.push({
        event: "QueueParams",
        actionIdLast: true,
        headers: [
          ["Queue", queue.name],
          ["Max", "0"],
          ["Strategy", queue.strategy],
          ["Calls", String(queue.entries.length)],
          ["Holdtime", String(queue.holdTime)],
          ["TalkTime", String(queue.talkTime)],
          ["Completed", String(completed)],
          ["Abandoned", String(queue.abandoned)],
          ["ServiceLevel", String(queue.serviceLevel)],
          ["ServicelevelPerf", completed ? ((queue.withinServiceLevel / completed) * 100).toFixed(1) : "0.0"],
          ["ServicelevelPerf2", percent(queue.withinServiceLevel, completed + queue.abandoned)],
          ["Weight", String(queue.weight)],
        ],
      });
      for (const m of queue.members.values()) {
        if (member && m.interface !== member && m.name !== member) continue;
        items.push({ event: "QueueMember", actionIdLast: true, headers: memberHeaders(world, m, "list") });
      }
      queue.entries.forEach((entry, index) => {
        const ch = world.channels.get(entry.uniqueid);
        if (!ch) return;
        items.push({
          event: "QueueEntry",
          actionIdLast: true,
          headers: [
            ["Queue", queue.name],
            ["Position", String(index + 1)],
            ["Channel", ch.name],
            ["Uniqueid", ch.uniqueid],
            ["CallerIDNum", ch.callerIdNum || "unknown"],
            ["CallerIDName", ch.callerIdName || "unknown"],
            ["ConnectedLineNum", ch.connectedLineNum || "unknown"],
            ["ConnectedLineName", ch.connectedLineName || "unknown"],
            ["Wait", String(Math.floor((world.now() - entry.joinedAt) / 1000))],
            ["Priority", "0"],
          ],
        });
      });
    }
    return list(id, "Queue status will follow", "QueueStatusComplete", items);
  },
  queuesummary: (world, get, id) => {
    const wanted = get("Queue");
    const items: Item[] = [...world.queues.values()]
      .filter((q) => !wanted || q.name === wanted)
      .map((q) => ({
        event: "QueueSummary",
        actionIdLast: true,
        headers: [
          ["Queue", q.name],
          ["LoggedIn", String(q.members.size)],
          ["Available", String(availableMembers(world, q).length)],
          ["Callers", String(q.entries.length)],
          ["HoldTime", String(q.holdTime)],
          ["TalkTime", String(q.talkTime)],
          [
            "LongestHoldTime",
            String(Math.max(0, ...q.entries.map((e) => Math.floor((world.now() - e.joinedAt) / 1000)))),
          ],
        ],
      }));
    return list(id, "Queue summary will follow", "QueueSummaryComplete", items);
  },
  parkedcalls: (world, get, id) => {
    const lot = get("ParkingLot");
    const items: Item[] = [];
    for (const call of world.parked.values()) {
      const parkee = world.channels.get(call.uniqueid);
      if (!parkee || (lot && call.lot !== lot)) continue;
      items.push({ event: "ParkedCall", actionIdLast: true, headers: parkedHeaders(world, call, parkee) });
    }
    return list(id, "Parked calls will follow", "ParkedCallsComplete", items, [
      ["Total", String(items.length)],
    ]);
  },
  confbridgelistrooms: (world, _get, id) => {
    if (world.conferences.size === 0) return error(id, "No active conferences.");
    return list(
      id,
      "Confbridge conferences will follow",
      "ConfbridgeListRoomsComplete",
      [...world.conferences.values()].map((c) => ({
        event: "ConfbridgeListRooms",
        headers: [
          ["Conference", c.name],
          ["Parties", String(c.participants.length)],
          ["Marked", "0"],
          ["Locked", c.locked ? "Yes" : "No"],
          ["Muted", "No"],
        ],
      })),
    );
  },
  confbridgelist: (world, get, id) => {
    const name = get("Conference");
    if (!name) return error(id, "No Conference name provided.");
    const conf = world.conferences.get(name);
    if (!conf) return error(id, "No active conferences.");
    const items: Item[] = conf.participants.flatMap((p) => {
      const ch = world.channels.get(p.uniqueid);
      if (!ch) return [];
      const flags: WireHeaders = [
        "Admin",
        "MarkedUser",
        "WaitMarked",
        "EndMarked",
        "EndMarkedAny",
        "Waiting",
        "Muted",
        "Talking",
      ].map((k) => [k, "No"]);
      return [
        {
          event: "ConfbridgeList",
          headers: [
            ["Conference", name],
            ...flags,
            ["AnsweredTime", String(Math.floor((world.now() - p.joinedAt) / 1000))],
            ...channelHeaders(ch),
          ],
        },
      ];
    });
    return list(id, "Confbridge user list will follow", "ConfbridgeListComplete", items);
  },
  pjsipshowcontacts: (world, _get, id) => {
    const contacts = [...world.extensions.values()].filter((e) => e.registered);
    if (contacts.length === 0) return error(id, "No Contacts found\n");
    const expires = Math.floor(world.startedAt / 1000) + 3600;
    return list(
      id,
      "A listing of Contacts follows, presented as ContactList events",
      "ContactListComplete",
      contacts.map((ext) => ({
        event: "ContactList",
        headers: [
          ["ObjectType", "contact"],
          ["ObjectName", ext.contact.objectName],
          ["ViaAddr", ext.contact.uri.replace(/^sip:[^@]*@([^:]*):.*$/, "$1")],
          ["QualifyTimeout", "3.000000"],
          ["Qualify2xxOnly", "false"],
          ["CallId", ext.contact.callId],
          ["RegServer", ""],
          ["PruneOnBoot", "no"],
          ["Path", ""],
          ["Endpoint", ext.number],
          ["ViaPort", String(ext.contact.viaPort)],
          ["AuthenticateQualify", "no"],
          ["Uri", ext.contact.uri],
          ["QualifyFrequency", "60"],
          ["UserAgent", "Switchboard simulated phone"],
          ["ExpirationTime", String(expires)],
          ["OutboundProxy", ""],
          ["Status", "Reachable"],
          ["RoundtripUsec", "400"],
        ],
      })),
    );
  },
  pjsipshowendpoints: (world, _get, id) => {
    const endpoints = [...world.extensions.keys(), world.options.trunk];
    return list(
      id,
      "A listing of Endpoints follows, presented as EndpointList events",
      "EndpointListComplete",
      endpoints.map((name) => {
        const ext = world.extensions.get(name);
        return {
          event: "EndpointList",
          headers: [
            ["ObjectType", "endpoint"],
            ["ObjectName", name],
            ["Transport", ""],
            ["Aor", name],
            ["Auths", ext ? name : ""],
            ["OutboundAuths", ""],
            ["Contacts", ext?.registered ? `${name}/${ext.contact.uri},` : ""],
            ["DeviceState", DEVSTATE_TEXT[world.devices.get(`PJSIP/${name}`) ?? "UNKNOWN"]],
            ["ActiveChannels", String(world.channelsOf(name).length)],
          ],
        };
      }),
    );
  },
};

const DEVSTATE_TEXT: Record<DeviceState, string> = {
  UNKNOWN: "Unknown",
  NOT_INUSE: "Not in use",
  INUSE: "In use",
  BUSY: "Busy",
  INVALID: "Invalid",
  UNAVAILABLE: "Unavailable",
  RINGING: "Ringing",
  RINGINUSE: "Ring+Inuse",
  ONHOLD: "On Hold",
};

function list(id: string, message: string, complete: string, items: Item[], extra: WireHeaders = []): string {
  let out = formatMessage([
    ["Response", "Success"],
    ...idHeader(id),
    ["EventList", "start"],
    ["Message", message],
  ]);
  for (const item of items) {
    out += formatMessage(
      item.actionIdLast
        ? [["Event", item.event], ...item.headers, ...idHeader(id)]
        : [["Event", item.event], ...idHeader(id), ...item.headers],
    );
  }
  out += formatMessage([
    ["Event", complete],
    ...idHeader(id),
    ["EventList", "Complete"],
    ["ListItems", String(items.length)],
    ...extra,
  ]);
  return out;
}

export function error(id: string, message: string): string {
  return formatMessage([["Response", "Error"], ...idHeader(id), ["Message", message]]);
}

export function idHeader(id: string): WireHeaders {
  return id ? [["ActionID", id]] : [];
}

function percent(part: number, whole: number): string {
  return whole ? ((part / whole) * 100).toFixed(1) : "0.0";
}
