import { describe, expect, it } from "vitest";
import { AppError } from "./errors";

describe("AppError", () => {
  it.each([
    ["bad_request:input", 400],
    ["unauthorized:session", 401],
    ["forbidden:users.write", 403],
    ["not_found:user", 404],
    ["conflict:email", 409],
    ["rate_limit:login", 429],
    ["unavailable:ami", 503],
    ["internal:server", 500],
  ] as const)("%s answers with HTTP %i and the kind's default message", async (code, status) => {
    const res = new AppError(code).toResponse();
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("treats an unknown kind as internal", () => {
    const e = new AppError("weird:thing" as never);
    expect(e.kind).toBe("internal");
    expect(e.status).toBe(500);
  });

  it("sends only code, message and field errors: never the stack or the cause", async () => {
    const cause = new Error('duplicate key value violates unique constraint "users_email_key"');
    const e = new AppError("conflict:email", "That e-mail address is already in use.", {
      fieldErrors: { email: ["That e-mail address is already in use."] },
      cause,
    });
    const res = e.toResponse();
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "conflict:email",
        message: "That e-mail address is already in use.",
        fieldErrors: { email: ["That e-mail address is already in use."] },
      },
    });
    expect(text).not.toContain("users_email_key");
    expect(e.cause).toBe(cause);
  });

  it("passes headers such as Retry-After through to the response", () => {
    const res = new AppError("rate_limit:login", undefined, {
      headers: { "Retry-After": "42" },
    }).toResponse();
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("42");
  });

  it("from() keeps an AppError and turns anything else into an opaque internal error", async () => {
    const known = new AppError("not_found:user");
    expect(AppError.from(known)).toBe(known);

    const wrapped = AppError.from(new Error('relation "users" does not exist at character 15'));
    expect(wrapped.code).toBe("internal:server");
    expect(wrapped.status).toBe(500);
    const text = await wrapped.toResponse().text();
    expect(text).not.toContain("relation");
    expect(AppError.from("a string").code).toBe("internal:server");
  });
});
