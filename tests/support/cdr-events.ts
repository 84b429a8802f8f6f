import type { AmiEvent } from "@/lib/asterisk/ami/message";

/** A `Cdr` event as cdr_manager sends it with the LinkedID/Sequence mappings (times are UTC here). */
export function cdrEvent(over: Record<string, string> = {}): AmiEvent {
  const fields: Record<string, string> = {
    Timestamp: "1795319916.561767",
    AccountCode: "",
    Source: "1001",
    Destination: "1002",
    DestinationContext: "sb-internal",
    CallerID: '"Ext 1001" <1001>',
    Channel: "PJSIP/1001-00000000",
    DestinationChannel: "PJSIP/1002-00000001",
    LastApplication: "Dial",
    LastData: "PJSIP/1002,30,tT",
    StartTime: "2026-11-22 03:58:28",
    AnswerTime: "2026-11-22 03:58:31",
    EndTime: "2026-11-22 03:58:36",
    Duration: "8",
    BillableSeconds: "5",
    Disposition: "ANSWERED",
    AMAFlags: "DOCUMENTATION",
    UniqueID: "1795319908.0",
    LinkedID: "1795319908.0",
    UserField: "",
    Sequence: "7",
    ...over,
  };
  return { type: "event", event: "Cdr", fields, headers: Object.entries(fields) };
}

/**
 * The INSERT cdr_pgsql builds (cdr/cdr_pgsql.c, Asterisk 22): quoted column names, literal
 * values, zone-less 'YYYY-MM-DD HH:MM:SS' times in cdr_pgsql.conf's timezone (UTC), the zero
 * time 1970-01-01 00:00:00 for an unanswered record, no origin (its default 'pgsql' applies).
 */
export function cdrPgsqlInsert(f: Record<string, string>): string {
  const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `INSERT INTO cdr ("calldate", "answer", "end", "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid", "linkedid", "userfield", "peeraccount", "sequence") VALUES ('${f.StartTime}', '${f.AnswerTime || "1970-01-01 00:00:00"}', '${f.EndTime}', ${q(f.CallerID ?? "")}, ${q(f.Source ?? "")}, ${q(f.Destination ?? "")}, ${q(f.DestinationContext ?? "")}, ${q(f.Channel ?? "")}, ${q(f.DestinationChannel ?? "")}, ${q(f.LastApplication ?? "")}, ${q(f.LastData ?? "")}, ${f.Duration}, ${f.BillableSeconds}, '${f.Disposition}', '${f.AMAFlags}', '', ${q(f.UniqueID ?? "")}, ${q(f.LinkedID ?? "")}, '', '', ${f.Sequence})`;
}
