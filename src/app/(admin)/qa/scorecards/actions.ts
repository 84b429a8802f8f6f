"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { qaScorecards } from "@/lib/db/schema/recordings";
import { AppError } from "@/lib/errors";
import { createScorecardSchema, updateScorecardSchema } from "@/lib/validations/qa";

export const createScorecard = action("qa.manage", createScorecardSchema, async (input, { tx }) => {
  const [row] = await tx.insert(qaScorecards).values(input).returning();
  revalidatePath("/qa/scorecards");
  return {
    data: { id: row!.id },
    audit: {
      action: "qa_scorecard.create",
      entity: "qa_scorecard",
      entityId: row!.id,
      entityLabel: row!.name,
      after: input,
    },
  };
});

export const updateScorecard = action(
  "qa.manage",
  updateScorecardSchema,
  async ({ id, ...input }, { tx }) => {
    const [before] = await tx.select().from(qaScorecards).where(eq(qaScorecards.id, id)).for("update");
    if (!before) throw new AppError("not_found:scorecard", "That scorecard no longer exists.");
    await tx.update(qaScorecards).set(input).where(eq(qaScorecards.id, id));
    revalidatePath("/qa/scorecards");
    return {
      data: { id },
      audit: {
        action: "qa_scorecard.update",
        entity: "qa_scorecard",
        entityId: id,
        entityLabel: input.name,
        before: {
          name: before.name,
          description: before.description,
          active: before.active,
          sections: before.sections,
        },
        after: input,
      },
    };
  },
);
