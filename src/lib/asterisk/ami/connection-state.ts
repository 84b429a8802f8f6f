import type { AmiError } from "./ami-error";

/**
 * The AMI client's connection state.
 *
 * Transitions:
 * - Disconnected → Connecting: `connect()`, or the reconnect timer after a drop.
 * - Connecting → Connected: Asterisk accepted the Login.
 * - Connecting → Disconnected: the TCP connect, the banner or the login failed or timed out.
 * - Connected → Disconnected: the socket closed, went silent past the keepalive limit, or `close()`.
 *
 * After a Disconnected that carries `retryInMs`, the client comes back to Connecting by itself.
 * Without it the client has stopped for good: `close()` was called, the login was refused
 * (`unavailable:ami_login`), or reconnecting is turned off.
 */
export enum AmiConnectionState {
  Connecting = "connecting",
  Connected = "connected",
  Disconnected = "disconnected",
}

export type AmiStateChange = {
  state: AmiConnectionState;
  /** Why the connection ended or could not be made; absent after a clean `close()`. */
  error?: AmiError;
  /** Set on Disconnected when a reconnect is scheduled: the backoff delay chosen. */
  retryInMs?: number;
};
