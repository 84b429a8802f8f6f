import { AmiError } from "./ami-error";
import { type AmiEvent, type AmiMessage, type AmiResponse, headerValue } from "./message";

/**
 * What an action resolves with. For a list action (`Response: Success` + `EventList: start`),
 * `events` holds the items in order and `complete` the closing `...Complete` event (its
 * `ListItems` is Asterisk's own count); for any other action `events` is empty.
 */
export type AmiReply = { response: AmiResponse; events: AmiEvent[]; complete?: AmiEvent };

type Entry = {
  action: string;
  actionId: string;
  resolve: (reply: AmiReply) => void;
  reject: (error: AmiError) => void;
  timer?: NodeJS.Timeout;
  /** Set once a list action's `EventList: start` response has arrived. */
  list?: { response: AmiResponse; events: AmiEvent[] };
};

const ABANDONED_LIMIT = 256;

/**
 * Routes Asterisk's replies to the action that asked, by ActionID alone, and collects event
 * lists. asterisk-manager resolves a list action on its `EventList: start` response and then
 * emits the items as ordinary events. That is wrong twice over: the caller gets no items, and the
 * items are mistaken for live state, because they reuse live event names (ExtensionStateList
 * sends `ExtensionStatus`, DeviceStateList sends `DeviceStateChange`) and only their ActionID
 * tells them apart. Here an item is never a live event.
 */
export class PendingActions {
  private readonly entries = new Map<string, Entry>();
  /**
   * ActionIDs whose caller gave up (timeout): their late response and list items are still
   * swallowed, so a slow list never leaks into live state. Bounded; cleared on disconnect.
   */
  private readonly abandoned = new Set<string>();

  get size(): number {
    return this.entries.size;
  }

  /** `timeoutMs: null` leaves the deadline to the caller (the login runs under the connect timeout). */
  add(action: string, actionId: string, timeoutMs: number | null): Promise<AmiReply> {
    return new Promise<AmiReply>((resolve, reject) => {
      const entry: Entry = { action, actionId, resolve, reject };
      if (timeoutMs !== null) {
        entry.timer = setTimeout(() => {
          this.entries.delete(actionId);
          this.abandon(actionId);
          reject(
            new AmiError("unavailable:ami_timeout", `${action} got no answer within ${timeoutMs} ms`, {
              action,
              actionId,
            }),
          );
        }, timeoutMs);
      }
      this.entries.set(actionId, entry);
    });
  }

  /**
   * Takes a message off the wire. Returns true when it belonged to an action (a response, a
   * list item, a list's end) and false for a live event, which the caller emits. Events that
   * carry the ActionID of a finished non-list action stay live: OriginateResponse for an
   * `Async: true` Originate arrives after the Originate's own response.
   */
  route(message: AmiMessage): boolean {
    if (message.type === "other") return true;
    const id = message.actionId;
    const entry = id === undefined ? undefined : this.entries.get(id);

    if (message.type === "response") {
      if (!entry) {
        if (id !== undefined && eventList(message) !== "start") this.abandoned.delete(id);
        return true;
      }
      if (message.response.toLowerCase() === "error") {
        const text = headerValue(message, "Message")?.trim() || `${entry.action} failed`;
        this.settle(entry).reject(
          new AmiError("bad_request:ami_action", text, {
            action: entry.action,
            actionId: entry.actionId,
            response: message,
          }),
        );
      } else if (eventList(message) === "start") {
        entry.list = { response: message, events: [] };
      } else {
        this.settle(entry).resolve({ response: message, events: [] });
      }
      return true;
    }

    if (entry?.list) {
      if (eventList(message) === "complete") {
        this.settle(entry).resolve({ ...entry.list, complete: message });
      } else {
        entry.list.events.push(message);
      }
      return true;
    }
    if (id !== undefined && this.abandoned.has(id)) {
      if (eventList(message) === "complete") this.abandoned.delete(id);
      return true;
    }
    return false;
  }

  /** Rejects everything still waiting; used when the connection drops or closes. */
  rejectAll(makeError: (action: string, actionId: string) => AmiError): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.abandoned.clear();
    for (const entry of entries) {
      clearTimeout(entry.timer);
      entry.reject(makeError(entry.action, entry.actionId));
    }
  }

  private settle(entry: Entry): Entry {
    clearTimeout(entry.timer);
    this.entries.delete(entry.actionId);
    return entry;
  }

  private abandon(actionId: string) {
    this.abandoned.add(actionId);
    if (this.abandoned.size > ABANDONED_LIMIT) {
      const oldest = this.abandoned.values().next().value;
      if (oldest !== undefined) this.abandoned.delete(oldest);
    }
  }
}

function eventList(message: AmiMessage): string | undefined {
  return headerValue(message, "EventList")?.toLowerCase();
}
