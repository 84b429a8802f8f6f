import { BlfState, type LiveDevice } from "@/lib/asterisk/live/types";

type ListEvent = { event?: string; fields: Record<string, string | undefined> };

/**
 * A trunk's live state as the trunks page shows it. Registration trunks report their outbound
 * registration (PJSIPShowRegistrationsOutbound: Registered, Unregistered, Rejected, …); IP
 * trunks the endpoint's device state, which qualify keeps current (Unavailable when the carrier
 * stops answering OPTIONS). That one comes from the listener's live state (DeviceStateChange),
 * not from PJSIPShowEndpoints, which would list every phone on each poll.
 */
export type TrunkLiveState = {
  registration: string | null;
  endpoint: string | null;
};

export type TrunkStatusMap = Record<string, TrunkLiveState>;

/** Folds the registrations list and the live device states into one state per trunk name (pure). */
export function trunkStatusFrom(
  names: string[],
  registrations: ListEvent[],
  devices: Readonly<Record<string, LiveDevice>> | null,
): TrunkStatusMap {
  const out: TrunkStatusMap = {};
  for (const name of names) out[name] = { registration: null, endpoint: null };
  for (const e of registrations) {
    if (e.event !== "OutboundRegistrationDetail") continue;
    const name = e.fields.ObjectName ?? "";
    if (out[name]) out[name].registration = e.fields.Status ?? null;
  }
  for (const name of names) {
    const device = devices?.[`PJSIP/${name}`];
    if (device) out[name]!.endpoint = device.state === BlfState.Unavailable ? "Unavailable" : "Available";
  }
  return out;
}

/** Green, amber or red for a state, and the words to show. */
export function describeTrunkState(
  authMode: "registration" | "ip",
  s: TrunkLiveState | undefined,
): { tone: "ok" | "warn" | "bad" | "unknown"; text: string } {
  if (!s) return { tone: "unknown", text: "Unknown" };
  if (authMode === "registration") {
    if (!s.registration)
      return { tone: "bad", text: s.endpoint ? "Not registering (apply pending?)" : "Not loaded" };
    if (s.registration === "Registered") return { tone: "ok", text: "Registered" };
    if (s.registration === "Rejected") return { tone: "bad", text: "Rejected by the carrier" };
    return { tone: "warn", text: s.registration };
  }
  if (!s.endpoint) return { tone: "bad", text: "Not loaded" };
  if (s.endpoint === "Unavailable") return { tone: "bad", text: "Unreachable" };
  return { tone: "ok", text: "Reachable" };
}
