import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { asterisk } from "./env";

const run = promisify(execFile);

/** `asterisk -rx` through the ASTERISK_CLI prefix (split on spaces; no shell involved). */
export async function cli(command: string): Promise<string> {
  const [bin, ...args] = asterisk.cli.split(/\s+/).filter(Boolean);
  const { stdout } = await run(bin!, [...args, "-rx", command], { timeout: 15_000 });
  return stdout;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A real SIP phone: Debian's baresip registering over UDP to 127.0.0.1:5060, no sound card
 * (silence in, nothing out). Call stop() to unregister and exit.
 */
export function startBaresip(account: {
  user: string;
  password: string;
  port: number;
  autoAnswer?: boolean;
}) {
  const dir = mkdtempSync(path.join(tmpdir(), `baresip-${account.user}-`));
  writeFileSync(
    path.join(dir, "config"),
    [
      "poll_method epoll",
      `sip_listen 127.0.0.1:${account.port}`,
      "sip_trans_def udp",
      "audio_player aubridge,nil",
      "audio_source aubridge,nil",
      "audio_alert aubridge,nil",
      "audio_srate 8000",
      "audio_channels 1",
      `rtp_ports ${account.port + 1000}-${account.port + 1099}`,
      "net_interface 127.0.0.1",
      "module_path /usr/lib/baresip/modules",
      "module g711.so",
      "module aubridge.so",
      "module_app account.so",
      "module_app menu.so",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "accounts"),
    `<sip:${account.user}@127.0.0.1:5060;transport=udp>;auth_pass=${account.password};regint=60;audio_codecs=PCMU,PCMA${account.autoAnswer ? ";answermode=auto" : ""}\n`,
  );
  writeFileSync(path.join(dir, "contacts"), "");
  const child: ChildProcess = spawn("baresip", ["-f", dir], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  return {
    output: () => output,
    stop: async () => {
      child.stdin?.write("/quit\n");
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
