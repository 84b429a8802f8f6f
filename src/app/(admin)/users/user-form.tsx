"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { PERMISSIONS, type Permission, ROLE_LABELS, ROLE_PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/schema/users";
import { createUser, updateUser } from "./actions";

type Existing = {
  id: string;
  name: string;
  email: string;
  role: Role;
  extension: string | null;
  grants: string[];
  revokes: string[];
};
type Override = "default" | "grant" | "revoke";

export function UserForm({ user }: { user?: Existing }) {
  const [role, setRole] = useState<Role>(user?.role ?? "agent");
  const [overrides, setOverrides] = useState<Record<string, Override>>(() => {
    const o: Record<string, Override> = {};
    for (const g of user?.grants ?? []) o[g] = "grant";
    for (const r of user?.revokes ?? []) o[r] = "revoke";
    return o;
  });
  const { errors, message, busy, submit } = useActionForm();

  const roleDefaults = new Set<Permission>(ROLE_PERMISSIONS[role]);
  const grants = Object.keys(overrides).filter(
    (p) => overrides[p] === "grant" && !roleDefaults.has(p as Permission),
  ) as Permission[];
  const revokes = Object.keys(overrides).filter(
    (p) => overrides[p] === "revoke" && roleDefaults.has(p as Permission),
  ) as Permission[];

  return (
    <form
      className="card space-y-5 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const common = {
          name: String(f.get("name") ?? ""),
          role,
          extension: String(f.get("extension") ?? ""),
          grants,
          revokes,
        };
        await submit(
          () =>
            user
              ? updateUser({ ...common, id: user.id })
              : createUser({
                  ...common,
                  email: String(f.get("email") ?? ""),
                  password: String(f.get("password") ?? ""),
                }),
          () => (user ? `/users/${user.id}?saved=1` : "/users"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" errors={errors.name}>
          {(p) => <input {...p} defaultValue={user?.name} className="input" autoComplete="off" />}
        </Field>
        {user ? (
          <div>
            <span className="label">E-mail</span>
            <p className="py-2 text-sm">{user.email}</p>
          </div>
        ) : (
          <Field label="E-mail" name="email" errors={errors.email}>
            {(p) => <input {...p} type="email" className="input" autoComplete="off" />}
          </Field>
        )}
        <Field label="Role" name="role" errors={errors.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)} className="input">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Extension"
          name="extension"
          errors={errors.extension}
          help="2–8 digits. Links the user to their phone and the live panel."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={user?.extension ?? ""}
              inputMode="numeric"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        {!user && (
          <Field
            label="Initial password"
            name="password"
            errors={errors.password}
            help={`At least ${MIN_PASSWORD_LENGTH} characters. Share it safely.`}
          >
            {(p) => <input {...p} type="password" className="input" autoComplete="new-password" />}
          </Field>
        )}
      </div>

      <fieldset>
        <legend className="label">Permissions</legend>
        <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
          The role decides the defaults. Grant or revoke single permissions for this user on top of it.
        </p>
        {(errors.grants || errors.revokes) && (
          <p role="alert" className="mb-2 text-sm text-rose-600">
            {[...(errors.grants ?? []), ...(errors.revokes ?? [])].join(" ")}
          </p>
        )}
        <div className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {(Object.keys(PERMISSIONS) as Permission[]).map((perm) => {
            const value = overrides[perm] ?? "default";
            const effective = value === "grant" || (value === "default" && roleDefaults.has(perm));
            return (
              <div
                key={perm}
                className="flex items-center justify-between gap-3 border-b border-slate-100 py-1.5 dark:border-slate-800"
              >
                <div className="text-sm">
                  <label htmlFor={`perm-${perm}`} className={effective ? "" : "text-slate-400 line-through"}>
                    {PERMISSIONS[perm]}
                  </label>
                  <span className="block font-mono text-[11px] text-slate-500">{perm}</span>
                </div>
                <select
                  id={`perm-${perm}`}
                  value={value}
                  className="input w-36 py-1"
                  onChange={(e) => setOverrides((o) => ({ ...o, [perm]: e.target.value as Override }))}
                >
                  <option value="default">Role default ({roleDefaults.has(perm) ? "yes" : "no"})</option>
                  <option value="grant" disabled={roleDefaults.has(perm)}>
                    Grant
                  </option>
                  <option value="revoke" disabled={!roleDefaults.has(perm)}>
                    Revoke
                  </option>
                </select>
              </div>
            );
          })}
        </div>
      </fieldset>

      <FormActions busy={busy} submitLabel={user ? "Save changes" : "Create user"} />
    </form>
  );
}
