import type { LiveBridge } from "../types";
import { type Fields, text } from "./ami-fields";
import { ensureChannel, refreshChannel } from "./channel-snapshot";
import type { LiveModel, Reducer } from "./live-model";

/**
 * Bridges, keyed by BridgeUniqueid. Transitions:
 *
 * - `BridgeCreate` → upsert the bridge with no channels (`createdAt` = Timestamp).
 * - `BridgeEnter` → the channel joins: added to `bridge.channels`, `channel.bridgeId` set. A
 *   channel still listed in another bridge leaves that one first; `SwapUniqueid` (Local channel
 *   optimisation) leaves this one. An unknown bridge or channel is created from the snapshot.
 * - `BridgeLeave` → the channel leaves; `channel.bridgeId` clears if it pointed here.
 *   Create/Enter/Leave/Merge also refresh the bridge's technology, which Asterisk changes on a
 *   live bridge (simple_bridge → native_rtp) without an event of its own.
 * - `BridgeDestroy` → remove the bridge; its channels' `bridgeId` clears.
 * - `BridgeMerge` → refresh the surviving (`To…`) bridge's type and technology. Asterisk moves
 *   the channels itself with BridgeLeave/BridgeEnter pairs (recorded in 11), so membership
 *   changes come from those; the `From…` bridge goes with its BridgeDestroy.
 *
 * A parking bridge (`BridgeType: parking`) is removed when its last channel leaves: Asterisk
 * keeps the lot's holding bridge alive forever (BridgeList shows it with 0 channels), which is
 * noise on a panel. BridgeEnter re-creates it for the next parked call; rebuild() drops empty
 * ones the same way, so live and rebuilt states agree.
 */
export const bridgeReducers: Record<string, Reducer> = {
  BridgeCreate(model, f, at) {
    const id = f.BridgeUniqueid;
    if (id) upsertBridge(model, f, "", at);
  },

  BridgeEnter(model, f, at) {
    const id = f.BridgeUniqueid;
    if (!id) return;
    const bridge = upsertBridge(model, f, "", at);
    const channel = ensureChannel(model, f, "", at);
    if (channel === undefined) return;
    const uniqueid = channel.uniqueid;
    if (channel.bridgeId !== null && channel.bridgeId !== id) leaveBridge(model, channel.bridgeId, uniqueid);
    const swap = f.SwapUniqueid;
    if (swap && swap !== uniqueid) leaveBridge(model, id, swap);
    if (!bridge.channels.includes(uniqueid)) {
      bridge.channels = [...bridge.channels, uniqueid];
      model.touch("bridges", id);
    }
    if (channel.bridgeId !== id) {
      channel.bridgeId = id;
      model.touch("channels", uniqueid);
    }
  },

  BridgeLeave(model, f, at) {
    const id = f.BridgeUniqueid;
    const uniqueid = f.Uniqueid;
    refreshChannel(model, f, "", at);
    if (!id || !uniqueid) return;
    if (model.state.bridges[id] !== undefined) upsertBridge(model, f, "", at);
    leaveBridge(model, id, uniqueid);
  },

  BridgeDestroy(model, f) {
    const id = f.BridgeUniqueid;
    if (id) destroyBridge(model, id);
  },

  BridgeMerge(model, f, at) {
    if (f.ToBridgeUniqueid) upsertBridge(model, f, "To", at);
  },
};

/** Takes a channel out of a bridge (both sides of the link); drops a parking bridge left empty. */
export function leaveBridge(model: LiveModel, bridgeId: string, uniqueid: string): void {
  const bridge = model.state.bridges[bridgeId];
  if (bridge?.channels.includes(uniqueid)) {
    bridge.channels = bridge.channels.filter((id) => id !== uniqueid);
    model.touch("bridges", bridgeId);
    if (bridge.channels.length === 0 && bridge.type === "parking") {
      delete model.state.bridges[bridgeId];
    }
  }
  const channel = model.state.channels[uniqueid];
  if (channel !== undefined && channel.bridgeId === bridgeId) {
    channel.bridgeId = null;
    model.touch("channels", uniqueid);
  }
}

export function destroyBridge(model: LiveModel, bridgeId: string): void {
  const bridge = model.state.bridges[bridgeId];
  if (bridge === undefined) return;
  delete model.state.bridges[bridgeId];
  model.touch("bridges", bridgeId);
  for (const uniqueid of bridge.channels) {
    const channel = model.state.channels[uniqueid];
    if (channel !== undefined && channel.bridgeId === bridgeId) {
      channel.bridgeId = null;
      model.touch("channels", uniqueid);
    }
  }
}

/** A bridge from BridgeListItem/BridgeCreate-style headers under `prefix` (`To`, `From`, none). */
export function bridgeFromFields(f: Fields, prefix: string, createdAt: number): LiveBridge {
  return {
    id: f[`${prefix}BridgeUniqueid`] ?? "",
    type: f[`${prefix}BridgeType`] ?? "",
    technology: f[`${prefix}BridgeTechnology`] ?? "",
    name: text(f[`${prefix}BridgeName`]),
    channels: [],
    createdAt,
  };
}

function upsertBridge(model: LiveModel, f: Fields, prefix: string, at: number): LiveBridge {
  const fresh = bridgeFromFields(f, prefix, at);
  const bridge = model.state.bridges[fresh.id];
  if (bridge === undefined) {
    model.state.bridges[fresh.id] = fresh;
    model.touch("bridges", fresh.id);
    return fresh;
  }
  // The technology changes under a live bridge (simple_bridge → native_rtp), the rest doesn't.
  if (
    (fresh.type && fresh.type !== bridge.type) ||
    (fresh.technology && fresh.technology !== bridge.technology) ||
    (fresh.name && fresh.name !== bridge.name)
  ) {
    bridge.type = fresh.type || bridge.type;
    bridge.technology = fresh.technology || bridge.technology;
    bridge.name = fresh.name || bridge.name;
    model.touch("bridges", fresh.id);
  }
  return bridge;
}
