import { describe, expect, it } from "vitest";
import { callbackFiltersSchema, saveWrapupSchema, scheduleCallbackSchema } from "./agent-workflow";
import { createDispositionSchema } from "./disposition";

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("wrap-up input", () => {
  const id = "0b6f3a55-3c2f-4c4e-9a55-6c1f0c3a1d11";
  it("keeps line breaks in notes, normalised, and refuses other control characters", () => {
    expect(saveWrapupSchema.parse({ id: 1, dispositionCodeId: id, notes: " a\r\nb\rc " }).notes).toBe(
      "a\nb\nc",
    );
    expect(messages(saveWrapupSchema.safeParse({ id: 1, dispositionCodeId: id, notes: "a\u0000b" }))).toEqual(
      {
        notes: "Control characters other than line breaks are not allowed.",
      },
    );
    expect(messages(saveWrapupSchema.safeParse({ id: 1, dispositionCodeId: "", notes: "" }))).toEqual({
      dispositionCodeId: "Choose a disposition.",
    });
    expect(
      saveWrapupSchema.safeParse({ id: 1, dispositionCodeId: id, notes: "x".repeat(2001) }).success,
    ).toBe(false);
  });
});

describe("callback input", () => {
  it("takes a dial string only, so nothing typed reaches a dial or an AMI header unchecked", () => {
    const ok = { number: " +15550001111 ", due: "2026-11-22T10:00", note: "Price" };
    expect(scheduleCallbackSchema.parse(ok).number).toBe("+15550001111");
    for (const number of ["1002\r\nAction: Originate", "1002,1", "PJSIP/1002", "", "1".repeat(33)])
      expect(scheduleCallbackSchema.safeParse({ ...ok, number }).success, number).toBe(false);
    expect(messages(scheduleCallbackSchema.safeParse({ ...ok, due: "22/11/2026 10:00" }))).toEqual({
      due: "Enter a date and time.",
    });
    expect(messages(scheduleCallbackSchema.safeParse({ ...ok, note: "a\nb" }))).toEqual({
      note: "Line breaks and control characters are not allowed.",
    });
  });

  it("takes list sorts and views from an allowlist only", () => {
    expect(callbackFiltersSchema.parse({})).toMatchObject({ view: "due", who: "mine", sort: "due" });
    expect(callbackFiltersSchema.safeParse({ sort: "number" }).success).toBe(false);
    expect(callbackFiltersSchema.safeParse({ view: "all" }).success).toBe(false);
    expect(callbackFiltersSchema.safeParse({ cursor: "abc'--" }).success).toBe(false);
  });
});

describe("disposition code input", () => {
  it("keeps the code an identifier and the label plain text", () => {
    const ok = { code: "sold", label: " Sold ", active: true, sortOrder: 10 };
    expect(createDispositionSchema.parse(ok).label).toBe("Sold");
    expect(createDispositionSchema.safeParse({ ...ok, code: "sold out" }).success).toBe(false);
    expect(createDispositionSchema.safeParse({ ...ok, label: "" }).success).toBe(false);
    expect(createDispositionSchema.safeParse({ ...ok, sortOrder: 1000 }).success).toBe(false);
  });
});
