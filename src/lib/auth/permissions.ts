import type { Role } from "@/lib/db/schema/users";

/**
 * Every permission in the product. New features add theirs here and to ROLE_PERMISSIONS;
 * nothing else defines what a role may do (dub's ROLE_PERMISSIONS is the model).
 */
export const PERMISSIONS = {
  "dashboard.view": "See the dashboard",
  "users.read": "See users",
  "users.write": "Create, edit and disable users",
  "settings.read": "See settings",
  "settings.write": "Change settings",
  "audit.read": "Read the audit log",
  "extensions.read": "See extensions",
  "extensions.write": "Create and edit extensions",
  "extensions.secrets": "Reveal SIP secrets",
  "queues.read": "See queues",
  "queues.write": "Create and edit queues",
  "config.apply": "Apply configuration to Asterisk",
  "panel.view": "Open the live panel",
  "panel.spy": "Listen to calls",
  "panel.whisper": "Whisper to agents",
  "panel.barge": "Barge into calls",
  "panel.control": "Hang up, transfer, park and pick up calls",
  "panel.record": "Start and stop call recording on demand",
  "panel.queues": "Add and remove queue members, pause and log agents in or out",
  "panel.originate": "Click to call from your own extension",
  "agent.state": "Go ready or pause yourself, and log in or out of your queues",
  "break_codes.write": "Manage break codes",
  "dispositions.write": "Manage disposition codes",
  "calls.wrapup": "Wrap up your own queue calls with a disposition and notes",
  "callbacks.own": "Schedule and work your own callbacks",
  "callbacks.manage": "See and manage the callbacks of the agents you supervise (admins: everyone's)",
  "teams.write": "Manage teams and their supervisors",
  "calls.read": "Search every call's history and export it",
  "calls.own": "Search the history of your own calls (those touching your extension)",
  "recordings.listen": "Play any recording",
  "qa.review": "Score calls",
  "qa.manage": "Create and edit QA scorecards",
  "qa.own": "See and answer your own QA reviews",
  "softphone.use": "Use the browser softphone",
  "inbound.read": "See inbound numbers, ring trees, block and allow lists, and run the call-flow dry run",
  "inbound.write": "Create and edit inbound numbers (DIDs) and ring trees",
  "blocklists.write": "Edit block and allow lists (live at once, no apply needed)",
  "trunks.read": "See trunks, their registration state, and outbound routes",
  "trunks.write": "Create and edit trunks and outbound routes",
  "voicemail.own": "Listen to and manage your own voicemail",
  "voicemail.any": "Listen to and manage any voicemail box",
  "ivrs.read": "See IVRs and time conditions",
  "ivrs.write": "Build IVRs and edit time conditions",
  "sounds.read": "Browse and preview the sound library",
  "sounds.write": "Upload and delete sounds, edit music-on-hold classes",
  "soundboard.play": "Play soundboard clips into your own calls",
  "soundboard.write": "Manage the soundboard's clips",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLES = ["admin", "supervisor", "agent", "qa"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  supervisor: "Supervisor",
  agent: "Agent",
  qa: "QA analyst",
};

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL_PERMISSIONS,
  supervisor: [
    "dashboard.view",
    "users.read",
    "audit.read",
    "extensions.read",
    "queues.read",
    "panel.view",
    "panel.spy",
    "panel.whisper",
    "panel.barge",
    "panel.control",
    "panel.record",
    "panel.queues",
    "panel.originate",
    "agent.state",
    "calls.read",
    "calls.wrapup",
    "callbacks.own",
    "callbacks.manage",
    "recordings.listen",
    "qa.review",
    "softphone.use",
    "inbound.read",
    "blocklists.write",
    "trunks.read",
    "voicemail.own",
    "ivrs.read",
    "sounds.read",
    "soundboard.play",
  ],
  agent: [
    "dashboard.view",
    "softphone.use",
    "soundboard.play",
    "panel.view",
    "panel.originate",
    "agent.state",
    "calls.own",
    "calls.wrapup",
    "callbacks.own",
    "qa.own",
    "voicemail.own",
  ],
  qa: ["dashboard.view", "calls.read", "recordings.listen", "qa.review", "queues.read"],
};

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The role's permissions, plus grants, minus revokes. Unknown names in the DB are ignored. */
export function effectivePermissions(
  role: Role,
  grants: readonly string[] = [],
  revokes: readonly string[] = [],
): Set<Permission> {
  const set = new Set<Permission>(ROLE_PERMISSIONS[role]);
  for (const g of grants) if (isPermission(g)) set.add(g);
  for (const r of revokes) if (isPermission(r)) set.delete(r);
  return set;
}
