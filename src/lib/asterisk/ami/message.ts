/** One `Key: Value` line, key exactly as Asterisk sent it. */
export type AmiHeader = readonly [key: string, value: string];

type AmiMessageBase = {
  /**
   * Every header in wire order. Repeated keys stay separate entries: events such as Newchannel
   * carry one `ChanVariable` line per variable, and a map would keep only one of them.
   */
  headers: readonly AmiHeader[];
  /** The first value of each key, keys as sent (`Uniqueid`, `ActionID`). Prototype-free. */
  fields: Readonly<Record<string, string>>;
  /** The `ActionID` header, matched case-insensitively. */
  actionId?: string;
};

/** A message whose first header is `Event:`. Some events also carry `Response:` (OriginateResponse, ChallengeResponseFailed). */
export type AmiEvent = AmiMessageBase & { type: "event"; event: string };
/** A message whose first header is `Response:` (Success, Error, Goodbye, ...). */
export type AmiResponse = AmiMessageBase & { type: "response"; response: string };
/** Anything else Asterisk might send; the client drops these. */
export type AmiOther = AmiMessageBase & { type: "other" };

export type AmiMessage = AmiEvent | AmiResponse | AmiOther;

/**
 * Builds a message from its headers. The type comes from the FIRST header only: Asterisk 22
 * sends events with a `Response:` header (OriginateResponse has `Response: Success` and the
 * ActionID of the Originate), so "has a Response header" would mistake them for replies.
 */
export function toAmiMessage(headers: readonly AmiHeader[]): AmiMessage {
  const fields: Record<string, string> = Object.create(null);
  let actionId: string | undefined;
  for (const [key, value] of headers) {
    // Same as `!(key in fields)` (values are strings), but `in` with a key fresh from the parser
    // takes V8's slow path: a third of this function's time.
    if (fields[key] === undefined) fields[key] = value;
    // Only an 8-character key can be ActionID: don't lower-case every key (a new string each).
    if (actionId === undefined && key.length === 8 && key.toLowerCase() === "actionid") actionId = value;
  }
  // Built by assignment, not by object spreads (the listener's hottest allocation): the same
  // keys in the same order.
  const message: Record<string, unknown> = { headers, fields };
  if (actionId !== undefined) message.actionId = actionId;
  const [firstKey = "", firstValue = ""] = headers[0] ?? [];
  switch (firstKey.toLowerCase()) {
    case "event":
      message.type = "event";
      message.event = firstValue;
      break;
    case "response":
      message.type = "response";
      message.response = firstValue;
      break;
    default:
      message.type = "other";
  }
  return message as unknown as AmiMessage;
}

/** The first value of `key`, matched case-insensitively. */
export function headerValue(message: AmiMessage, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return message.headers.find(([k]) => k.toLowerCase() === wanted)?.[1];
}

/** Every value of a repeated header (`ChanVariable`, `Variable`, `Output`), in wire order. */
export function headerValues(message: AmiMessage, key: string): string[] {
  const wanted = key.toLowerCase();
  return message.headers.filter(([k]) => k.toLowerCase() === wanted).map(([, v]) => v);
}
