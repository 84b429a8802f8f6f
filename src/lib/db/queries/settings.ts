import "server-only";
import { type Db, db, type Tx } from "@/lib/db/client";
import { settings } from "@/lib/db/schema/settings";
import { decryptSecret } from "@/lib/settings/crypto";
import {
  envOverride,
  SETTINGS,
  SETTINGS_BY_KEY,
  type SettingGroup,
  type SettingKind,
} from "@/lib/settings/registry";

/** What the settings page may show: never a secret's value, only whether it is set. */
export type SettingView = {
  key: string;
  label: string;
  group: SettingGroup;
  kind: SettingKind;
  help?: string;
  placeholder?: string;
  options?: readonly { value: string; label: string }[];
  defaultValue?: string;
  envVar: string;
  source: "env" | "saved" | "default" | "unset";
  /** Non-secret value; for secrets always null. */
  value: string | null;
  isSet: boolean;
  /** Last 2 characters of a secret, for recognising it, when it is 12+ characters long. */
  hint: string | null;
};

async function storedRows(exec: Db | Tx = db): Promise<Map<string, { value: string; encrypted: boolean }>> {
  const rows = await exec
    .select({ key: settings.key, value: settings.value, encrypted: settings.encrypted })
    .from(settings);
  return new Map(rows.map((r) => [r.key, r]));
}

export async function getSettingsView(): Promise<SettingView[]> {
  const stored = await storedRows();
  return SETTINGS.map((def) => {
    const fromEnv = envOverride(def);
    const row = stored.get(def.key);
    const plain = fromEnv ?? (row ? (row.encrypted ? safeDecrypt(row.value) : row.value) : def.defaultValue);
    const source = fromEnv ? "env" : row ? "saved" : def.defaultValue ? "default" : "unset";
    const secret = def.kind === "secret";
    return {
      key: def.key,
      label: def.label,
      group: def.group,
      kind: def.kind,
      help: def.help,
      placeholder: def.placeholder,
      options: def.options,
      defaultValue: def.defaultValue,
      envVar: def.envVar,
      source,
      value: secret ? null : (plain ?? null),
      isSet: Boolean(plain),
      hint: secret && plain && plain.length >= 12 ? `…${plain.slice(-2)}` : null,
    } satisfies SettingView;
  });
}

/**
 * The effective value for server code: env first, then the saved value, then the default.
 * Inside an action pass its `tx`: PGlite has one connection, so a query on `db` would wait
 * for the open transaction forever.
 */
export async function getSetting(key: string, exec: Db | Tx = db): Promise<string | undefined> {
  const [value] = await getSettings([key], exec);
  return value;
}

/** Several effective values with one read of the settings table, in the order of `keys`. */
export async function getSettings(
  keys: readonly string[],
  exec: Db | Tx = db,
): Promise<(string | undefined)[]> {
  const defs = keys.map((key) => {
    const def = SETTINGS_BY_KEY.get(key);
    if (!def) throw new Error(`Unknown setting ${key}`);
    return def;
  });
  const fromEnv = defs.map(envOverride);
  const stored = fromEnv.every(Boolean) ? null : await storedRows(exec);
  return defs.map((def, i) => {
    if (fromEnv[i]) return fromEnv[i];
    const row = stored?.get(def.key);
    if (!row) return def.defaultValue;
    return row.encrypted ? safeDecrypt(row.value) : row.value;
  });
}

function safeDecrypt(value: string): string | undefined {
  try {
    return decryptSecret(value);
  } catch {
    // A changed ENCRYPTION_KEY makes old ciphertext unreadable: treat it as unset, never crash.
    return undefined;
  }
}
