import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { ALL_PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { hasControlChars } from "./text";

export const nameField = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Use at most 120 characters.")
  .refine((v) => !hasControlChars(v), "Line breaks and control characters are not allowed.");

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .email("Enter a valid e-mail address.");

export const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.");

export const extensionField = z
  .string()
  .trim()
  .regex(/^(\d{2,8})?$/, "An extension is 2 to 8 digits.")
  .transform((v) => (v === "" ? null : v));

const permissionList = z.array(z.enum(ALL_PERMISSIONS as [string, ...string[]])).max(ALL_PERMISSIONS.length);

const userFields = {
  name: nameField,
  role: z.enum(ROLES, { message: "Choose a role." }),
  extension: extensionField,
  grants: permissionList.default([]),
  revokes: permissionList.default([]),
};

const noOverlap = (v: { grants: string[]; revokes: string[] }) =>
  !v.grants.some((g) => v.revokes.includes(g));

export const createUserSchema = z
  .object({ ...userFields, email: emailField, password: passwordField })
  .refine(noOverlap, { path: ["revokes"], message: "A permission cannot be both granted and revoked." });

export const updateUserSchema = z
  .object({ ...userFields, id: z.string().uuid() })
  .refine(noOverlap, { path: ["revokes"], message: "A permission cannot be both granted and revoked." });

export const userIdSchema = z.object({ id: z.string().uuid() });

export const setDisabledSchema = z.object({ id: z.string().uuid(), disabled: z.boolean() });

export const resetPasswordSchema = z
  .object({ id: z.string().uuid(), password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export const setupSchema = z
  .object({ name: nameField, email: emailField, password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type SetupInput = z.input<typeof setupSchema>;
