import "server-only";
import { eq } from "drizzle-orm";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { readExtensionSecret } from "@/lib/extensions/records";
import { loadPhoneSettings, type PhoneSettings } from "./settings";

/** The SIP account a signed-in user's browser phone registers with. */
export type SoftphoneAccount = {
  extension: string;
  displayName: string;
  /** sip:<extension>@<host of the WebSocket URL>: Asterisk matches the endpoint by the user part. */
  uri: string;
  /** The auth section's username: the extension number (asterisk-templates/pjsip_endpoints.conf). */
  authorizationUsername: string;
  password: string;
};

/** Why there is no phone, in words the widget and the pre-call check can show. */
export type NoPhoneReason =
  | "no_permission"
  | "no_extension"
  | "extension_disabled"
  | "webrtc_off"
  | "no_ws_url";

export type SoftphoneConfig = PhoneSettings &
  ({ account: SoftphoneAccount; reason?: undefined } | { account: null; reason: NoPhoneReason });

export const NO_PHONE_MESSAGES: Record<NoPhoneReason, string> = {
  no_permission: "Your role does not include the browser softphone.",
  no_extension: "No extension is linked to your user.",
  extension_disabled: "Your extension is disabled.",
  webrtc_off: "WebRTC is not enabled on your extension.",
  no_ws_url: "The SIP WebSocket URL is not configured (Settings).",
};

/**
 * Only ever the signed-in user's own extension: the number comes from the session's user row,
 * never from the request. The secret is decrypted here and leaves only in a no-store response.
 */
export async function loadSoftphoneConfig(user: CurrentUser): Promise<SoftphoneConfig> {
  const settings = await loadPhoneSettings();
  const none = (reason: NoPhoneReason): SoftphoneConfig => ({ ...settings, account: null, reason });
  if (!user.permissions.has("softphone.use")) return none("no_permission");
  if (!user.extension) return none("no_extension");
  const [row] = await db.select().from(extensions).where(eq(extensions.number, user.extension)).limit(1);
  if (!row) return none("no_extension");
  if (!row.enabled) return none("extension_disabled");
  if (!row.webrtc) return none("webrtc_off");
  const domain = settings.wsUrl ? sipDomain(settings.wsUrl) : null;
  if (!domain) return none("no_ws_url");
  return {
    ...settings,
    account: {
      extension: row.number,
      displayName: row.displayName,
      uri: `sip:${row.number}@${domain}`,
      authorizationUsername: row.number,
      password: readExtensionSecret(row),
    },
  };
}

/** The SIP domain: the WebSocket URL's host (brackets kept for IPv6), or null when it's not a ws(s) URL. */
export function sipDomain(wsUrl: string): string | null {
  try {
    const url = new URL(wsUrl);
    if (url.protocol !== "ws:" && url.protocol !== "wss:") return null;
    return url.hostname || null;
  } catch {
    return null;
  }
}
