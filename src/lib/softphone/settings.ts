import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { getSettings } from "@/lib/db/queries/settings";

/** What a browser needs to reach Asterisk, besides its own SIP credentials. */
export type PhoneSettings = {
  /** The SIP WebSocket (settings `sip.wsUrl` / SIP_WS_URL); null until an admin sets it. */
  wsUrl: string | null;
  /** STUN servers (one per line in settings) and the TURN server with its credentials. */
  iceServers: RTCIceServerInit[];
};

/** RTCIceServer as plain JSON (the DOM type isn't in the server's lib). */
export type RTCIceServerInit = { urls: string[]; username?: string; credential?: string };

/**
 * Reads the softphone's connection settings in one query. Signed-in users only: the TURN
 * credential is in here, so it goes out through authenticated route handlers, never into HTML.
 */
export async function loadPhoneSettings(exec?: Db | Tx): Promise<PhoneSettings> {
  const [wsUrl, stunLines, turnUrl, turnUser, turnPassword] = await getSettings(
    ["sip.wsUrl", "webrtc.stun", "webrtc.turnUrl", "webrtc.turnUser", "webrtc.turnPassword"],
    exec,
  );
  const stun = (stunLines ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const iceServers: RTCIceServerInit[] = stun.length ? [{ urls: stun }] : [];
  if (turnUrl) {
    iceServers.push({
      urls: [turnUrl],
      ...(turnUser ? { username: turnUser } : {}),
      ...(turnPassword ? { credential: turnPassword } : {}),
    });
  }
  return { wsUrl: wsUrl || null, iceServers };
}
