import type { SimWorld } from "./sim-world";
import { emitDeviceState, memberHeaders, setDevice } from "./world-devices";
import type { SimMember, SimQueue } from "./world-types";

/**
 * Member changes as 08-queue-member-add-pause-remove recorded them: each updates the member and
 * its `Queue:<q>_pause_<iface>` device, then emits the QueueMember* event.
 */

export function addMember(
  world: SimWorld,
  queue: SimQueue,
  init: {
    iface: string;
    name?: string;
    stateInterface?: string;
    penalty?: number;
    paused?: boolean;
    reason?: string;
  },
): SimMember {
  const now = Math.floor(world.now() / 1000);
  const member: SimMember = {
    queue: queue.name,
    interface: init.iface,
    name: init.name || init.iface,
    stateInterface: init.stateInterface || init.iface,
    membership: "dynamic",
    penalty: init.penalty ?? 0,
    callsTaken: 0,
    lastCall: 0,
    lastPause: init.paused ? now : 0,
    loginTime: now,
    inCall: false,
    paused: init.paused ?? false,
    pausedReason: init.paused ? (init.reason ?? "") : "",
    ringinuse: world.options.ringinuse,
    wrapuptime: 0,
  };
  if (!world.devices.has(member.stateInterface)) world.devices.set(member.stateInterface, "UNKNOWN");
  queue.members.set(member.interface, member);
  const pauseDevice = `Queue:${queue.name}_pause_${member.interface}`;
  world.devices.set(pauseDevice, member.paused ? "INUSE" : "NOT_INUSE");
  emitDeviceState(world, pauseDevice);
  world.emit("QueueMemberAdded", "agent,all", memberHeaders(world, member, "event"));
  return member;
}

export function removeMember(world: SimWorld, queue: SimQueue, member: SimMember): void {
  queue.members.delete(member.interface);
  world.emit("QueueMemberRemoved", "agent,all", memberHeaders(world, member, "event"));
}

/** Pause or unpause in one queue; a pause records LastPause and the reason, an unpause clears the reason. */
export function pauseMember(world: SimWorld, member: SimMember, paused: boolean, reason = ""): void {
  member.paused = paused;
  member.pausedReason = paused ? reason : "";
  if (paused) member.lastPause = Math.floor(world.now() / 1000);
  const pauseDevice = `Queue:${member.queue}_pause_${member.interface}`;
  setDevice(world, pauseDevice, paused ? "INUSE" : "NOT_INUSE");
  emitDeviceState(world, pauseDevice);
  world.emit("QueueMemberPause", "agent,all", memberHeaders(world, member, "event"));
}

export function setPenalty(world: SimWorld, member: SimMember, penalty: number): void {
  member.penalty = penalty;
  world.emit("QueueMemberPenalty", "agent,all", memberHeaders(world, member, "event"));
}
