import { error, type HeaderLookup, type ListBuilder, type ListItem, list } from "./list-format";
import { parkedHeaders } from "./parking";
import { PJSIP_LISTS } from "./pjsip-lists";
import { QUEUE_LISTS } from "./queue-lists";
import type { SimWorld } from "./sim-world";
import { bridgeHeaders, channelHeaders, hms, type WireHeaders } from "./wire-format";
import { extensionStatusOf } from "./world-devices";

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

const LISTS: Record<string, ListBuilder> = {
  ...QUEUE_LISTS,
  ...PJSIP_LISTS,
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
  parkedcalls: (world, get, id) => {
    const lot = get("ParkingLot");
    const items: ListItem[] = [];
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
    if (world.conferences.size === 0) return error(id, "No active conferences.");
    const conf = world.conferences.get(name);
    if (!conf) return error(id, "No Conference by that name found.");
    const items: ListItem[] = conf.participants.flatMap((p) => {
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
};
