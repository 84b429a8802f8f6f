import type { ActionContext } from "./action-context";
import type { ReceivedAction } from "./action-log";
import { headerOf } from "./action-reader";
import { type Reply, reply } from "./ami-session";
import { ASTDB_ACTIONS } from "./astdb-actions";
import { CHANNEL_ACTIONS } from "./channel-actions";
import { listAction } from "./list-actions";
import { error } from "./list-format";
import { QUEUE_ACTIONS } from "./queue-actions";
import { SYSTEM_ACTIONS } from "./system-actions";

/**
 * Routes a logged-in session's action: list actions from the world, then the panel's channel
 * and queue actions, AstDB, the system ones, and UserEvent. Anything else gets Asterisk's unknown-command error
 * and, as in 01-idle-lists, a RequestBadFormat security event.
 */
export function dispatchAction(ctx: ActionContext, action: ReceivedAction): Reply | Promise<Reply> {
  const name = action.name.toLowerCase();
  const get = (key: string) => headerOf(action.headers, key);
  const list = listAction(ctx.world, name, get, action.actionId);
  if (list !== undefined) return { text: list };
  const handler = CHANNEL_ACTIONS[name] ?? QUEUE_ACTIONS[name] ?? ASTDB_ACTIONS[name] ?? SYSTEM_ACTIONS[name];
  if (handler) return handler(ctx, get, action.actionId);
  const { world, session } = ctx;
  if (name === "userevent") {
    // manager.c action_userevent: every header but Action and UserEvent (ActionID included) goes
    // into the event, in the order sent.
    const body = action.headers.filter(([key]) => !/^(action|userevent)$/i.test(key));
    return {
      text: reply(action.actionId, [
        ["Response", "Success"],
        ["Message", "Event Sent"],
      ]),
      after: () => world.emit("UserEvent", "user,all", [["UserEvent", get("UserEvent")], ...body]),
    };
  }
  return {
    text: error(
      action.actionId,
      `Invalid/unknown command: ${action.name}. Use Action: ListCommands to show available commands.`,
    ),
    after: () => {
      const now = new Date(world.now()).toISOString().replace("Z", "+0000");
      world.emit("RequestBadFormat", "security,all", [
        ["EventTV", now],
        ["Severity", "Error"],
        ["Service", "AMI"],
        ["EventVersion", "1"],
        ["SessionID", `0x${session.id.toString(16).padStart(12, "0")}`],
        ["LocalAddress", `IPV4/TCP/${session.socket.localAddress ?? ""}/${session.socket.localPort ?? ""}`],
        [
          "RemoteAddress",
          `IPV4/TCP/${session.socket.remoteAddress ?? ""}/${session.socket.remotePort ?? ""}`,
        ],
        ["RequestType", `Action: ${action.name}`],
        ["SessionTV", now],
        ["AccountID", session.username],
      ]);
    },
  };
}
