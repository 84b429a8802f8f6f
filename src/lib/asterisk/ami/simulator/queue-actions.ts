import type { ActionHandler } from "./action-context";
import { reply } from "./ami-session";
import { error } from "./list-format";
import { addMember, pauseMember, removeMember, setPenalty } from "./queue-members";
import type { SimWorld } from "./sim-world";
import type { SimMember, SimQueue } from "./world-types";

/**
 * QueueAdd/Remove/Pause/Penalty with app_queue's replies, as 08-queue-member-add-pause-remove
 * recorded them. A QueuePause without Queue pauses the interface in every queue, one
 * QueueMemberPause per queue; `Reason` becomes PausedReason.
 */
export const QUEUE_ACTIONS: Record<string, ActionHandler> = {
  queueadd: ({ world }, get, id) => {
    const queueName = get("Queue");
    const iface = get("Interface");
    if (!queueName) return { text: error(id, "'Queue' not specified.") };
    if (!iface) return { text: error(id, "'Interface' not specified.") };
    const queue = findQueue(world, queueName);
    if (!queue) return { text: error(id, "Unable to add interface to queue: No such queue") };
    if (queue.members.has(iface)) return { text: error(id, "Unable to add interface: Already there") };
    return {
      text: ack(id, "Added interface to queue"),
      after: () =>
        addMember(world, queue, {
          iface,
          name: get("MemberName"),
          stateInterface: get("StateInterface"),
          penalty: Number.parseInt(get("Penalty"), 10) || 0,
          paused: isTrue(get("Paused")),
          reason: get("Reason"),
        }),
    };
  },

  queueremove: ({ world }, get, id) => {
    const queueName = get("Queue");
    const iface = get("Interface");
    if (!queueName || !iface) return { text: error(id, "Need 'Queue' and 'Interface' parameters.") };
    const queue = findQueue(world, queueName);
    if (!queue) return { text: error(id, "Unable to remove interface from queue: No such queue") };
    const member = queue.members.get(iface);
    if (!member) return { text: error(id, "Unable to remove interface: Not there") };
    if (member.membership !== "dynamic") return { text: error(id, "Member not dynamic") };
    return { text: ack(id, "Removed interface from queue"), after: () => removeMember(world, queue, member) };
  },

  queuepause: ({ world }, get, id) => {
    const iface = get("Interface");
    const pausedValue = get("Paused");
    if (!iface || !pausedValue) return { text: error(id, "Need 'Interface' and 'Paused' parameters.") };
    const paused = isTrue(pausedValue);
    const members = membersOf(world, iface, get("Queue"));
    if (members.length === 0) return { text: error(id, "Interface not found") };
    return {
      text: ack(id, paused ? "Interface paused successfully" : "Interface unpaused successfully"),
      after: () => {
        for (const member of members) pauseMember(world, member, paused, get("Reason"));
      },
    };
  },

  queuepenalty: ({ world }, get, id) => {
    const iface = get("Interface");
    const penaltyValue = get("Penalty");
    if (!iface || !penaltyValue) return { text: error(id, "Need 'Interface' and 'Penalty' parameters.") };
    const penalty = Number.parseInt(penaltyValue, 10);
    if (!(penalty >= 0)) return { text: error(id, `Invalid penalty (${penaltyValue})`) };
    const members = membersOf(world, iface, get("Queue"));
    if (members.length === 0) return { text: error(id, "Invalid interface, queuename or penalty") };
    return {
      text: ack(id, "Interface penalty set successfully"),
      after: () => {
        for (const member of members) setPenalty(world, member, penalty);
      },
    };
  },
};

/** Queue by Asterisk name (`q5000`); the bare number is accepted too, for convenience. */
function findQueue(world: SimWorld, name: string): SimQueue | undefined {
  return world.queues.get(name) ?? [...world.queues.values()].find((q) => q.number === name);
}

function membersOf(world: SimWorld, iface: string, queueName: string): SimMember[] {
  if (queueName) {
    const member = findQueue(world, queueName)?.members.get(iface);
    return member ? [member] : [];
  }
  return world.membershipsOf(iface);
}

function isTrue(value: string): boolean {
  return /^(true|yes|1|on)$/i.test(value.trim());
}

function ack(id: string, message: string): string {
  return reply(id, [
    ["Response", "Success"],
    ["Message", message],
  ]);
}
