"use client";

import { useEffect, useState } from "react";
import type { Softphone as Phone, PhoneAccount } from "@/lib/softphone/phone";
import { PhoneWidget } from "./phone-widget";

type ConfigResponse = {
  wsUrl: string | null;
  iceServers: RTCIceServer[];
  account: PhoneAccount | null;
  reason?: string;
};

/**
 * The browser phone, mounted once by the admin layout so it survives navigation. It asks the
 * server for this user's own SIP account after the page loads (the credentials never sit in the
 * HTML) and renders nothing for users without one.
 */
export function Softphone() {
  const [phone, setPhone] = useState<{ phone: Phone; account: PhoneAccount } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let created: Phone | null = null;
    (async () => {
      const res = await fetch("/api/softphone/config", { cache: "no-store" }).catch(() => null);
      if (!res?.ok || cancelled) return;
      const config = (await res.json()) as ConfigResponse;
      if (!config.account || !config.wsUrl || cancelled) return;
      // sip.js is loaded only for users who have a phone.
      const { Softphone: SoftphoneClass } = await import("@/lib/softphone/phone");
      if (cancelled) return;
      created = new SoftphoneClass({
        account: config.account,
        wsUrl: config.wsUrl,
        iceServers: config.iceServers,
        statsUrl: "/api/softphone/stats",
      });
      setPhone({ phone: created, account: config.account });
      created.start();
    })();
    return () => {
      cancelled = true;
      void created?.stop();
    };
  }, []);

  if (!phone) return null;
  return <PhoneWidget phone={phone.phone} account={phone.account} />;
}
