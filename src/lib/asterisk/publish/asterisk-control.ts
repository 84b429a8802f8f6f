import { AmiClient } from "../ami/ami-client";
import { AmiError, isEmptyListError } from "../ami/ami-error";

/** What the publish pipeline needs from a live Asterisk. The AMI implementation is below; tests may fake it. */
export interface AsteriskControl {
  /** Reloads one module; rejects with Asterisk's own message when it refuses. */
  reload(module: string): Promise<void>;
  endpoints(): Promise<Set<string>>;
  /** The SB_FP variable of a loaded endpoint (see the pjsip template), or undefined. */
  endpointFingerprint(name: string): Promise<string | undefined>;
  queues(): Promise<Set<string>>;
  /** Extension names in a context (hints included); an unknown context reads as empty. */
  contextExtensions(context: string): Promise<Set<string>>;
  /** Sends one plain action (AstDB writes for block and allow lists); optional for fakes. */
  action?(name: string, headers: Record<string, string>): Promise<unknown>;
  close(): Promise<void>;
}

export type AmiConnection = { host: string; port: number; username: string; secret: string };

/** One short-lived AMI session per apply: connect, do the work, log off. */
export async function connectAsteriskControl(conn: AmiConnection): Promise<AsteriskControl> {
  const ami = new AmiClient({
    ...conn,
    events: "off",
    reconnect: false,
    actionTimeoutMs: 15_000,
    connectTimeoutMs: 5_000,
  });
  await ami.connect();
  return {
    async reload(module) {
      // `Reload` answers Error (and still emits Reload Status 2) for a module that isn't loaded.
      await ami.action("Reload", { Module: module });
    },
    async endpoints() {
      const reply = await ami.action("PJSIPShowEndpoints").catch(emptyOnNoList);
      return new Set(
        reply.events.filter((e) => e.event === "EndpointList").map((e) => e.fields.ObjectName ?? ""),
      );
    },
    async endpointFingerprint(name) {
      const reply = await ami.action("PJSIPShowEndpoint", { Endpoint: name }).catch(emptyOnNoList);
      const detail = reply.events.find((e) => e.event === "EndpointDetail");
      return /(?:^|,)SB_FP=([0-9a-f]+)/.exec(detail?.fields.SetVar ?? "")?.[1];
    },
    async queues() {
      const reply = await ami.action("QueueSummary").catch(emptyOnNoList);
      return new Set(reply.events.filter((e) => e.event === "QueueSummary").map((e) => e.fields.Queue ?? ""));
    },
    async contextExtensions(context) {
      try {
        const reply = await ami.action("ShowDialPlan", { Context: context });
        return new Set(
          reply.events
            .filter(
              (e) => e.event === "ListDialplan" && e.fields.Context === context && !e.fields.IncludeContext,
            )
            .map((e) => e.fields.Extension ?? ""),
        );
      } catch (error) {
        // "Did not find context" is how Asterisk says the context is empty or absent.
        if (error instanceof AmiError && error.code === "bad_request:ami_action") return new Set();
        throw error;
      }
    },
    action: (name, headers) => ami.action(name, headers),
    close: () => ami.close(),
  };
}

function emptyOnNoList(error: unknown): { events: [] } {
  if (isEmptyListError(error)) return { events: [] };
  throw error;
}
