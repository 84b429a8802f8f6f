import { z } from "zod";
import { numberField } from "./allowlisted";
import { plainText } from "./text";

export const MAX_TEAM_MEMBERS = 500;
export const MAX_TEAM_QUEUES = 200;

const teamFields = {
  name: z
    .string({ message: "Enter a name." })
    .transform((v) => v.trim())
    .pipe(plainText(60).refine((v) => v.length > 0, "Enter a name.")),
  /** Users in the team; supervisors see and act on the others' calls and the team's queues. */
  members: z
    .array(z.object({ userId: z.string().uuid("Unknown user."), isSupervisor: z.boolean() }))
    .max(MAX_TEAM_MEMBERS, `A team has at most ${MAX_TEAM_MEMBERS} members.`)
    .refine(
      (m) => new Set(m.map((x) => x.userId)).size === m.length,
      "Each user can be in the team only once.",
    ),
  /** Queue numbers the team's supervisors watch. */
  queues: z
    .array(numberField)
    .max(MAX_TEAM_QUEUES, `A team has at most ${MAX_TEAM_QUEUES} queues.`)
    .refine((q) => new Set(q).size === q.length, "Each queue can be listed only once."),
};

export const createTeamSchema = z.object(teamFields);
export const updateTeamSchema = z.object({ ...teamFields, id: z.string().uuid() });
export const deleteTeamSchema = z.object({ id: z.string().uuid() });

export type CreateTeamInput = z.input<typeof createTeamSchema>;
export type TeamValues = z.output<typeof createTeamSchema>;
