/**
 * What the phone shows about its line to the SIP server.
 *
 * Transitions:
 * - Unregistered ⇒ Registering (start: WebSocket opened, REGISTER sent)
 * - Registering ⇒ Registered (200 OK) | Error (auth refused, no WebSocket and no retry left)
 * - Registered ⇒ Reconnecting (WebSocket closed, `online` event, wake from sleep)
 * - Reconnecting ⇒ Registering (WebSocket back) | Reconnecting (next backoff attempt)
 * - Error ⇒ Registering (the user retries, or the network comes back)
 * - any ⇒ Unregistered (stopped: logout, account removed)
 */
export enum RegistrationState {
  Unregistered = "unregistered",
  Registering = "registering",
  Registered = "registered",
  Reconnecting = "reconnecting",
  Error = "error",
}

export const REGISTRATION_LABELS: Record<RegistrationState, string> = {
  [RegistrationState.Unregistered]: "Unregistered",
  [RegistrationState.Registering]: "Registering…",
  [RegistrationState.Registered]: "Registered",
  [RegistrationState.Reconnecting]: "Reconnecting…",
  [RegistrationState.Error]: "Error",
};
