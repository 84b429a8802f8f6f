import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, likeContains } from "./pagination";

const isNumber = (v: unknown): v is number => typeof v === "number";

describe("keyset cursors", () => {
  it("round-trip the sort key and are URL-safe", () => {
    const cursor = encodeCursor({ name: "Zoë / Ω+?", id: "abc" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, (v): v is { name: string; id: string } => typeof v === "object")).toEqual({
      name: "Zoë / Ω+?",
      id: "abc",
    });
  });

  it("treat a missing, garbled or wrong-shaped cursor as the first page", () => {
    expect(decodeCursor(undefined, isNumber)).toBeUndefined();
    expect(decodeCursor("", isNumber)).toBeUndefined();
    expect(decodeCursor("%%%not base64", isNumber)).toBeUndefined();
    expect(decodeCursor(Buffer.from("{nope").toString("base64url"), isNumber)).toBeUndefined();
    expect(decodeCursor(encodeCursor("42"), isNumber)).toBeUndefined();
    expect(decodeCursor(encodeCursor(42), isNumber)).toBe(42);
  });
});

describe("likeContains", () => {
  it("escapes LIKE wildcards and the escape character itself", () => {
    expect(likeContains("50%")).toBe("%50\\%%");
    expect(likeContains("a_b")).toBe("%a\\_b%");
    expect(likeContains("c:\\x")).toBe("%c:\\\\x%");
    expect(likeContains("plain")).toBe("%plain%");
  });
});
