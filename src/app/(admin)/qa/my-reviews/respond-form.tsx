"use client";

import { useId, useState } from "react";
import { FormError } from "@/components/field";
import { useActionForm } from "@/components/use-action-form";
import { respondToReview } from "../review/actions";

/** Acknowledge (comment optional) or dispute (comment required) a review, once. */
export function RespondForm({ reviewId }: { reviewId: string }) {
  const id = useId();
  const [comment, setComment] = useState("");
  const { errors, message, busy, submit } = useActionForm();
  const send = (response: "acknowledged" | "disputed") =>
    submit(
      () => respondToReview({ id: reviewId, response, comment }),
      () => "/qa/my-reviews",
    );
  return (
    <form className="space-y-2" noValidate onSubmit={(e) => e.preventDefault()}>
      <FormError message={message} />
      <label htmlFor={id} className="label">
        Your comment
      </label>
      <textarea
        id={id}
        className="input min-h-20"
        value={comment}
        maxLength={2000}
        aria-invalid={Boolean(errors.comment)}
        onChange={(e) => setComment(e.target.value)}
      />
      {errors.comment && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.comment.join(" ")}
        </p>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={busy} onClick={() => send("acknowledged")}>
          Acknowledge
        </button>
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => send("disputed")}>
          Dispute
        </button>
      </div>
    </form>
  );
}
