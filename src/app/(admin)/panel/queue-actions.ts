"use server";

import { and, eq } from "drizzle-orm";
import { AmiError } from "@/lib/asterisk/ami/ami-error";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import { queueAddCommand, queuePauseCommand, queueRemoveCommand } from "@/lib/asterisk/live/panel-commands";
import {
  loadLiveState,
  requireOwnExtension,
  requireScopeExtension,
  sendCommand,
} from "@/lib/asterisk/live/panel-targets";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import { hasQueue, type LiveScope } from "@/lib/asterisk/live/scope-filter";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { breakCodes } from "@/lib/db/schema/panel";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";
import { sendDnd } from "@/lib/extensions/dnd";
import {
  dndSchema,
  myQueueSchema,
  noInputSchema,
  pauseAgentSchema,
  pauseMeSchema,
  queueMemberSchema,
  unpauseAgentSchema,
} from "@/lib/validations/panel";

/**
 * Queue membership and pauses from the live panel. Supervisors act on agents in their scope
 * (panel.queues); every agent may pause, unpause, log in and out for themselves (agent.state).
 * A pause's Reason is always an active break code's `code`.
 */

export const addQueueMember = action("panel.queues", queueMemberSchema, async (input, { user, tx }) => {
  const scope = await getLiveScope(user, tx);
  requireScopeQueue(scope, input.queue);
  requireScopeExtension(scope, input.extension);
  await requireQueue(tx, input.queue);
  const [ext] = await tx
    .select({ name: extensions.displayName })
    .from(extensions)
    .where(eq(extensions.number, input.extension))
    .limit(1);
  if (!ext) throw fieldError("extension", `There is no extension ${input.extension}.`);
  await sendCommand(queueAddCommand(input.queue, input.extension, ext.name), tx);
  return {
    data: { ok: true },
    audit: agentAudit("panel.queue_add", input.extension, `Add ${input.extension} to ${input.queue}`, {
      queue: input.queue,
    }),
  };
});

export const removeQueueMember = action("panel.queues", queueMemberSchema, async (input, { user, tx }) => {
  const scope = await getLiveScope(user, tx);
  requireScopeQueue(scope, input.queue);
  requireScopeExtension(scope, input.extension);
  await sendCommand(queueRemoveCommand(input.queue, input.extension), tx);
  return {
    data: { ok: true },
    audit: agentAudit(
      "panel.queue_remove",
      input.extension,
      `Remove ${input.extension} from ${input.queue}`,
      { queue: input.queue },
    ),
  };
});

export const pauseAgent = action("panel.queues", pauseAgentSchema, async (input, { user, tx }) => {
  const scope = await getLiveScope(user, tx);
  requireScopeExtension(scope, input.extension);
  const code = await requireBreakCode(tx, input.breakCode);
  const targets = await pauseQueues(scope, input.extension, input.queue);
  for (const queue of targets) {
    await sendCommand(
      queuePauseCommand({ extension: input.extension, queue, paused: true, reason: code }),
      tx,
    );
  }
  return {
    data: { ok: true },
    audit: agentAudit("panel.pause", input.extension, `Pause ${input.extension} (${code})`, {
      breakCode: code,
      queues: targets.map((q) => q ?? "all"),
    }),
  };
});

export const unpauseAgent = action("panel.queues", unpauseAgentSchema, async (input, { user, tx }) => {
  const scope = await getLiveScope(user, tx);
  requireScopeExtension(scope, input.extension);
  const targets = await pauseQueues(scope, input.extension, input.queue);
  for (const queue of targets)
    await sendCommand(queuePauseCommand({ extension: input.extension, queue, paused: false }), tx);
  return {
    data: { ok: true },
    audit: agentAudit("panel.unpause", input.extension, `Unpause ${input.extension}`, {
      queues: targets.map((q) => q ?? "all"),
    }),
  };
});

/** Pauses the user in every queue they are in. */
export const pauseMe = action("agent.state", pauseMeSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  const code = await requireBreakCode(tx, input.breakCode);
  await sendCommand(queuePauseCommand({ extension: own, paused: true, reason: code }), tx);
  return {
    data: { ok: true },
    audit: agentAudit("agent.pause", own, `Pause ${own} (${code})`, { breakCode: code }),
  };
});

export const unpauseMe = action("agent.state", noInputSchema, async (_input, { user, tx }) => {
  const own = requireOwnExtension(user);
  await sendCommand(queuePauseCommand({ extension: own, paused: false }), tx);
  return { data: { ok: true }, audit: agentAudit("agent.unpause", own, `Unpause ${own}`) };
});

/**
 * Do not disturb for the user's own extension: stored on the extension and set in AstDB at once
 * (extensions/dnd.ts), so direct calls get busy or voicemail from the next call on. Queue calls
 * are what pause is for.
 */
export const setMyDnd = action("agent.state", dndSchema, async ({ on }, { user, tx }) => {
  const own = requireOwnExtension(user);
  const [row] = await tx
    .update(extensions)
    .set({ dnd: on })
    .where(eq(extensions.number, own))
    .returning({ id: extensions.id });
  if (!row) throw new AppError("not_found:extension", `There is no extension ${own}.`);
  try {
    await sendDnd((name, headers) => appAmiAction(name, headers, { exec: tx }), own, on);
  } catch (error) {
    if (error instanceof AmiError && error.code === "bad_request:ami_action")
      throw new AppError("bad_request:asterisk", `Asterisk refused do not disturb: ${error.message}`);
    throw error;
  }
  return {
    data: { ok: true },
    audit: agentAudit(
      on ? "agent.dnd_on" : "agent.dnd_off",
      own,
      `Do not disturb ${on ? "on" : "off"} for ${own}`,
    ),
  };
});

/** Agent login: adds the user's own extension to one of their queues. */
export const queueLogin = action("agent.state", myQueueSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  requireScopeQueue(await getLiveScope(user, tx), input.queue);
  await requireQueue(tx, input.queue);
  await sendCommand(queueAddCommand(input.queue, own), tx);
  return {
    data: { ok: true },
    audit: agentAudit("agent.login", own, `Log ${own} in to ${input.queue}`, { queue: input.queue }),
  };
});

export const queueLogout = action("agent.state", myQueueSchema, async (input, { user, tx }) => {
  const own = requireOwnExtension(user);
  requireScopeQueue(await getLiveScope(user, tx), input.queue);
  await sendCommand(queueRemoveCommand(input.queue, own), tx);
  return {
    data: { ok: true },
    audit: agentAudit("agent.logout", own, `Log ${own} out of ${input.queue}`, { queue: input.queue }),
  };
});

/**
 * Which QueuePause actions to send: the one queue asked for; for a full scope one action for all
 * queues (`undefined`); otherwise each queue in scope that lists the agent as a member now, so a
 * supervisor never pauses an agent in someone else's queue.
 */
async function pauseQueues(
  scope: LiveScope,
  extension: string,
  queue?: string,
): Promise<(string | undefined)[]> {
  if (queue) {
    requireScopeQueue(scope, queue);
    return [queue];
  }
  if (scope.all) return [undefined];
  const state = await loadLiveState();
  const iface = `PJSIP/${extension}`;
  const names = Object.values(state.queues)
    .filter((q) => hasQueue(scope, q.name) && Object.hasOwn(q.members, iface))
    .map((q) => q.name);
  if (names.length === 0)
    throw new AppError("not_found:member", `${extension} is not a member of any of your queues.`);
  return names;
}

function requireScopeQueue(scope: LiveScope, queue: string) {
  if (!hasQueue(scope, queue)) throw new AppError("forbidden:scope", `Queue ${queue} is outside your scope.`);
}

async function requireQueue(tx: Tx, queue: string) {
  const [row] = await tx
    .select({ id: queues.id })
    .from(queues)
    .where(eq(queues.number, queue.slice(1)))
    .limit(1);
  if (!row) throw fieldError("queue", `There is no queue ${queue}.`);
}

async function requireBreakCode(tx: Tx, code: string): Promise<string> {
  const [row] = await tx
    .select({ code: breakCodes.code })
    .from(breakCodes)
    .where(and(eq(breakCodes.code, code), eq(breakCodes.active, true)))
    .limit(1);
  if (!row) throw fieldError("breakCode", "Choose one of the active break codes.");
  return row.code;
}

function fieldError(field: string, message: string) {
  return new AppError("bad_request:input", message, { fieldErrors: { [field]: [message] } });
}

function agentAudit(action: string, extension: string, label: string, after: Record<string, unknown> = {}) {
  return { action, entity: "agent", entityId: extension, entityLabel: label, after: { extension, ...after } };
}
