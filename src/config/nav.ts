import type { Permission } from "@/lib/auth/permissions";

/** Icon names map to lucide icons in the sidebar (a client component can't receive components). */
export type NavIcon =
  | "dashboard"
  | "users"
  | "audit"
  | "settings"
  | "extensions"
  | "groups"
  | "queues"
  | "config"
  | "panel"
  | "breakCodes"
  | "soundboard"
  | "teams"
  | "calls"
  | "recordings"
  | "qa"
  | "myReviews"
  | "dispositions"
  | "callbacks"
  | "phoneCheck"
  | "dids"
  | "ringTrees"
  | "callerLists"
  | "dryRun"
  | "trunks"
  | "outboundRoutes"
  | "voicemail"
  | "ivrs"
  | "timeConditions"
  | "sounds";

/** `permission` may list several: the item shows when the user holds any of them. */
export type NavItem = {
  href: string;
  label: string;
  icon: NavIcon;
  permission: Permission | readonly Permission[];
  section: string;
};

/** The sidebar, in order. A user sees an item only with its permission; the page checks it again. */
export const NAV: readonly NavItem[] = [
  { href: "/", label: "Dashboard", icon: "dashboard", permission: "dashboard.view", section: "Overview" },
  { href: "/panel", label: "Live panel", icon: "panel", permission: "panel.view", section: "Overview" },
  {
    href: "/phone/check",
    label: "Phone check",
    icon: "phoneCheck",
    permission: "softphone.use",
    section: "Overview",
  },
  {
    href: "/recordings",
    label: "Recordings",
    icon: "recordings",
    permission: "recordings.listen",
    section: "Quality",
  },
  { href: "/qa", label: "QA", icon: "qa", permission: "qa.review", section: "Quality" },
  {
    href: "/qa/my-reviews",
    label: "My reviews",
    icon: "myReviews",
    permission: "qa.own",
    section: "Quality",
  },
  {
    href: "/extensions",
    label: "Extensions",
    icon: "extensions",
    permission: "extensions.read",
    section: "Telephony",
  },
  {
    href: "/groups",
    label: "Ring groups",
    icon: "groups",
    permission: "extensions.read",
    section: "Telephony",
  },
  {
    href: "/calls",
    label: "Call history",
    icon: "calls",
    permission: ["calls.read", "calls.own"],
    section: "Overview",
  },
  {
    href: "/callbacks",
    label: "Callbacks",
    icon: "callbacks",
    permission: ["callbacks.own", "callbacks.manage"],
    section: "Overview",
  },
  { href: "/queues", label: "Queues", icon: "queues", permission: "queues.read", section: "Telephony" },
  // Inbound routing
  { href: "/dids", label: "Inbound numbers", icon: "dids", permission: "inbound.read", section: "Routing" },
  {
    href: "/ring-trees",
    label: "Ring trees",
    icon: "ringTrees",
    permission: "inbound.read",
    section: "Routing",
  },
  {
    href: "/caller-lists",
    label: "Block & allow lists",
    icon: "callerLists",
    permission: "inbound.read",
    section: "Routing",
  },
  {
    href: "/routing/dry-run",
    label: "Call-flow dry run",
    icon: "dryRun",
    permission: "inbound.read",
    section: "Routing",
  },
  { href: "/trunks", label: "Trunks", icon: "trunks", permission: "trunks.read", section: "Telephony" },
  {
    href: "/outbound-routes",
    label: "Outbound routes",
    icon: "outboundRoutes",
    permission: "trunks.read",
    section: "Telephony",
  },
  {
    href: "/voicemail",
    label: "Voicemail",
    icon: "voicemail",
    permission: ["voicemail.own", "voicemail.any"],
    section: "Overview",
  },
  { href: "/ivrs", label: "IVRs", icon: "ivrs", permission: "ivrs.read", section: "Telephony" },
  {
    href: "/time-conditions",
    label: "Time conditions",
    icon: "timeConditions",
    permission: "ivrs.read",
    section: "Telephony",
  },
  {
    href: "/sounds",
    label: "Sounds & hold music",
    icon: "sounds",
    permission: "sounds.read",
    section: "Telephony",
  },
  {
    href: "/config",
    label: "Apply & revisions",
    icon: "config",
    permission: "config.apply",
    section: "Telephony",
  },
  { href: "/users", label: "Users", icon: "users", permission: "users.read", section: "Administration" },
  { href: "/teams", label: "Teams", icon: "teams", permission: "teams.write", section: "Administration" },
  {
    href: "/break-codes",
    label: "Break codes",
    icon: "breakCodes",
    permission: "break_codes.write",
    section: "Administration",
  },
  {
    href: "/dispositions",
    label: "Disposition codes",
    icon: "dispositions",
    permission: "dispositions.write",
    section: "Administration",
  },
  {
    href: "/soundboard",
    label: "Soundboard",
    icon: "soundboard",
    permission: "soundboard.write",
    section: "Administration",
  },
  { href: "/audit", label: "Audit log", icon: "audit", permission: "audit.read", section: "Administration" },
  {
    href: "/settings",
    label: "Settings",
    icon: "settings",
    permission: "settings.read",
    section: "Administration",
  },
];

export function navFor(permissions: ReadonlySet<Permission>): NavItem[] {
  return NAV.filter((item) =>
    typeof item.permission === "string"
      ? permissions.has(item.permission)
      : item.permission.some((p) => permissions.has(p)),
  );
}
