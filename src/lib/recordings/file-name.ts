/**
 * Recording file names, as the dialplan and the panel write them (all under `<spool>/monitor`):
 * - `<linkedid>-<extension>.wav`: an extension's "always" policy (sb-call-extension);
 * - `<linkedid>-q<queue>.wav`: a queue's "always" policy (sb-queues);
 * - `<linkedid>-<uniqueid>.wav`: on demand from the live panel (startRecording).
 * A Linkedid is `<epoch>.<seq>`, optionally prefixed by Asterisk's systemname.
 */
export type ParsedRecordingName = {
  linkedid: string;
  uniqueid: string | null;
  agentExtension: string | null;
  queue: string | null;
  source: "policy" | "on_demand";
  format: string;
};

const NAME =
  /^((?:[A-Za-z0-9_]{1,40}-)?\d{1,12}\.\d{1,10})-([A-Za-z0-9_.-]{1,60})\.(wav|wav49|gsm|mp3|ogg)$/i;
const UNIQUEID = /^(?:[A-Za-z0-9_]{1,40}-)?\d{1,12}\.\d{1,10}$/;

export function parseRecordingName(name: string): ParsedRecordingName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, linkedid, suffix, ext] = m as unknown as [string, string, string, string];
  if (linkedid.length > 40) return null;
  const format = ext.toLowerCase();
  if (UNIQUEID.test(suffix)) {
    return { linkedid, uniqueid: suffix, agentExtension: null, queue: null, source: "on_demand", format };
  }
  const queue = /^q(\d{1,20})$/.exec(suffix);
  if (queue)
    return { linkedid, uniqueid: null, agentExtension: null, queue: queue[1]!, source: "policy", format };
  if (/^\d{1,20}$/.test(suffix)) {
    return { linkedid, uniqueid: null, agentExtension: suffix, queue: null, source: "policy", format };
  }
  return null;
}

/** The PJSIP endpoint (extension) in a channel name such as `PJSIP/1001-0000002a`. */
export function extensionOfChannel(channel: string): string | null {
  const m = /^PJSIP\/(\d{1,20})-[0-9a-f]+$/i.exec(channel);
  return m ? m[1]! : null;
}
