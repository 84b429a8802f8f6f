import { AppError } from "@/lib/errors";
import type { AmiResponse } from "./message";

/**
 * Every way an AMI call can fail, in the app's "kind:surface" style. All connection-level
 * failures are `unavailable` (503 to a browser): a wrong AMI secret is a server misconfiguration,
 * not the signed-in user's fault, so it must not read as 401.
 * - `unavailable:ami`: not connected, or the connection dropped before the answer came.
 * - `unavailable:ami_login`: Asterisk refused the Login; the client stops and does not retry.
 * - `unavailable:ami_timeout`: no answer within the action timeout, or the connection went silent.
 * - `unavailable:ami_protocol`: the peer did not speak AMI (bad banner, oversized message).
 * - `bad_request:ami_header`: a header key or value could smuggle a second action (CR, LF, NUL); nothing was sent.
 * - `bad_request:ami_action`: Asterisk answered `Response: Error`; `response` holds its answer.
 */
export type AmiErrorCode =
  | "unavailable:ami"
  | "unavailable:ami_login"
  | "unavailable:ami_timeout"
  | "unavailable:ami_protocol"
  | "bad_request:ami_header"
  | "bad_request:ami_action";

export type AmiErrorDetails = {
  /** The AMI action this error is about, e.g. "QueueStatus". */
  action?: string;
  actionId?: string;
  /** Asterisk's own `Response: Error` message, when there was one. */
  response?: AmiResponse;
  cause?: unknown;
};

export class AmiError extends AppError {
  declare readonly code: AmiErrorCode;
  readonly action?: string;
  readonly actionId?: string;
  readonly response?: AmiResponse;

  constructor(code: AmiErrorCode, message: string, details: AmiErrorDetails = {}) {
    super(code, message, { cause: details.cause });
    this.name = "AmiError";
    this.action = details.action;
    this.actionId = details.actionId;
    this.response = details.response;
  }
}

/**
 * Asterisk answers some list actions with `Response: Error` when the list is merely empty
 * (ConfbridgeListRooms "No active conferences.", PJSIPShowContacts "No Contacts found\n", and per
 * the pjsip source "No endpoints found\n"). Callers that rebuild state treat these as `[]`.
 */
export function isEmptyListError(error: unknown): boolean {
  if (!(error instanceof AmiError) || error.code !== "bad_request:ami_action") return false;
  return EMPTY_LIST_MESSAGES.has(error.message);
}

const EMPTY_LIST_MESSAGES = new Set(["No active conferences.", "No Contacts found", "No endpoints found"]);
