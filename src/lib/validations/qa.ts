import { z } from "zod";
import { hasControlChars, plainText } from "./text";

const trimmed = (max: number, empty: string) =>
  z
    .string({ message: empty })
    .transform((v) => v.trim())
    .pipe(plainText(max).refine((v) => v.length > 0, empty));

/** Multi-line text (review summaries, agents' replies): newlines allowed, other controls not. */
const note = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .max(max, `Use at most ${max} characters.`)
        .refine((v) => !hasControlChars(v.replace(/[\r\n\t]/g, "")), "Control characters are not allowed."),
    );

export const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, "Use 1–40 lowercase letters, digits, '-' or '_'."),
  text: trimmed(200, "Enter the question."),
  weight: z
    .number({ message: "Enter a weight." })
    .int("Use a whole number.")
    .min(1, "Use 1–10.")
    .max(10, "Use 1–10."),
  type: z.enum(["yes_no", "scale"], { message: "Choose yes/no or 1–5." }),
  allowNa: z.boolean(),
  critical: z.boolean(),
});

export const sectionSchema = z.object({
  title: trimmed(80, "Enter a section title."),
  questions: z.array(questionSchema).min(1, "Add at least one question.").max(40),
});

const scorecardFields = {
  name: trimmed(80, "Enter a name."),
  description: z
    .string()
    .transform((v) => v.trim())
    .pipe(plainText(500)),
  active: z.boolean(),
  sections: z
    .array(sectionSchema)
    .min(1, "Add at least one section.")
    .max(20)
    .refine((sections) => {
      const ids = sections.flatMap((s) => s.questions.map((q) => q.id));
      return new Set(ids).size === ids.length;
    }, "Question ids must be unique."),
};

export const createScorecardSchema = z.object(scorecardFields);
export const updateScorecardSchema = z.object({ ...scorecardFields, id: z.string().uuid() });
export type ScorecardInput = z.input<typeof createScorecardSchema>;

const answer = z.union([z.enum(["yes", "no", "na"]), z.number().int().min(1).max(5)]);

export const submitReviewSchema = z.object({
  recordingId: z.string().uuid("That is not a recording."),
  scorecardId: z.string().uuid("Choose a scorecard."),
  answers: z.record(z.string().max(40), answer),
  comments: z
    .array(
      z.object({
        atMs: z
          .number()
          .int()
          .min(0)
          .max(24 * 3_600_000),
        text: trimmed(500, "Enter the comment."),
      }),
    )
    .max(200),
  summary: note(4000),
});
export type SubmitReviewInput = z.input<typeof submitReviewSchema>;

export const respondReviewSchema = z
  .object({
    id: z.string().uuid(),
    response: z.enum(["acknowledged", "disputed"]),
    comment: note(2000),
  })
  .refine((v) => v.response !== "disputed" || v.comment.length > 0, {
    message: "Say why you dispute this review.",
    path: ["comment"],
  });
export type RespondReviewInput = z.input<typeof respondReviewSchema>;

export const retentionSchema = z.object({ apply: z.boolean() });
