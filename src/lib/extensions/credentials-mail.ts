import "server-only";
import nodemailer from "nodemailer";
import { getSetting } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";

export type SmtpConfig = { host: string; port: number; user?: string; password?: string; from: string };

/** SMTP settings from the settings page (or env); a clear error when the essentials are missing. */
export async function loadSmtpConfig(): Promise<SmtpConfig> {
  const [host, port, user, password, from] = await Promise.all(
    ["smtp.host", "smtp.port", "smtp.user", "smtp.password", "smtp.from"].map((k) => getSetting(k)),
  );
  const missing = [!host && "SMTP host", !from && "From address"].filter(Boolean);
  if (missing.length || !host || !from) {
    throw new AppError(
      "unavailable:smtp",
      `E-mail is not set up: add the ${missing.join(" and ")} under Settings → E-mail (SMTP).`,
    );
  }
  return { host, port: Number(port ?? 587), user: user || undefined, password: password || undefined, from };
}

export type Credentials = {
  number: string;
  displayName: string;
  secret: string;
  toName: string;
  wsUrl?: string;
};

/** Plain text only: every value in it is allowlisted or from the settings page, never HTML. */
export function credentialsMessage(c: Credentials): { subject: string; text: string } {
  const lines = [
    `Hello ${c.toName},`,
    "",
    `These are the SIP credentials for your phone, extension ${c.number} (${c.displayName}).`,
    "",
    `SIP username: ${c.number}`,
    `SIP password: ${c.secret}`,
    ...(c.wsUrl ? [`WebSocket URL (browser phones): ${c.wsUrl}`] : []),
    "",
    "Keep the password to yourself. If you think someone else has seen it, ask your administrator",
    "to generate a new one.",
  ];
  return { subject: `Your phone credentials for extension ${c.number}`, text: lines.join("\n") };
}

/** Sends one message; connection and server failures become an AppError the form can show. */
export async function sendMail(config: SmtpConfig, to: string, message: { subject: string; text: string }) {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.port === 465,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: config.from, to, subject: message.subject, text: message.text });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new AppError(
      "unavailable:smtp",
      `The mail server at ${config.host}:${config.port} did not accept the message${
        typeof code === "string" && /^[A-Z_]{2,20}$/.test(code) ? ` (${code})` : ""
      }. Check the SMTP settings.`,
      { cause: error },
    );
  } finally {
    transport.close();
  }
}
