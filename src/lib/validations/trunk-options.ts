/**
 * The choices of trunks, outbound routes and classes of service, with their labels: plain data,
 * safe for client components. The database enums (db/schema/trunks.ts) are built from these.
 */
export const CLASSES_OF_SERVICE = ["internal", "local", "national", "international"] as const;
export const TRUNK_DIRECTIONS = ["outbound", "inbound", "both"] as const;
export const TRUNK_AUTH_MODES = ["registration", "ip"] as const;
export const TRUNK_TRANSPORTS = ["udp", "tcp", "tls"] as const;
export const DTMF_MODES = ["rfc4733", "inband", "info", "auto"] as const;
export const CALLER_ID_MODES = ["extension", "fixed", "passthrough"] as const;

export type ClassOfServiceValue = (typeof CLASSES_OF_SERVICE)[number];

export const CLASS_LABELS: Record<ClassOfServiceValue, string> = {
  internal: "Internal",
  local: "Local",
  national: "National",
  international: "International",
};
export const DIRECTION_LABELS = {
  outbound: "Outbound only",
  inbound: "Inbound only",
  both: "Both ways",
} as const;
export const AUTH_LABELS = {
  registration: "Registration (username and password)",
  ip: "IP address",
} as const;
export const TRANSPORT_LABELS = { udp: "UDP", tcp: "TCP", tls: "TLS" } as const;
export const DTMF_LABELS = {
  rfc4733: "RFC 4733",
  inband: "In-band",
  info: "SIP INFO",
  auto: "Auto",
} as const;
export const CALLER_ID_LABELS = {
  extension: "The route's or the extension's outbound caller ID",
  fixed: "A fixed number for this trunk",
  passthrough: "The caller's own number, unchanged",
} as const;
