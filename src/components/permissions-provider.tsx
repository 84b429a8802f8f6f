"use client";

import { createContext, useContext } from "react";
import type { Permission } from "@/lib/auth/permissions";

const PermissionsContext = createContext<ReadonlySet<string>>(new Set());

export function PermissionsProvider({
  permissions,
  children,
}: {
  permissions: Permission[];
  children: React.ReactNode;
}) {
  return <PermissionsContext.Provider value={new Set(permissions)}>{children}</PermissionsContext.Provider>;
}

export function usePermission(permission: Permission): boolean {
  return useContext(PermissionsContext).has(permission);
}

/** Hides controls the user may not use. Only cosmetic: the server checks every action again. */
export function Can({
  permission,
  children,
  fallback = null,
}: {
  permission: Permission;
  children: React.ReactNode;
  fallback?: React.ReactNode;
}) {
  return usePermission(permission) ? children : fallback;
}
