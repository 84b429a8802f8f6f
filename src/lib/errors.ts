/**
 * One typed error for the whole app. `code` is "kind:surface" (`forbidden:users`,
 * `not_found:user`, `rate_limit:login`); only `message` and `code` ever reach a browser.
 */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limit"
  | "unavailable"
  | "internal";

export type ErrorCode = `${ErrorKind}:${string}`;

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limit: 429,
  unavailable: 503,
  internal: 500,
};

const DEFAULT_MESSAGE: Record<ErrorKind, string> = {
  bad_request: "The request was not valid.",
  unauthorized: "Please sign in.",
  forbidden: "You do not have permission to do that.",
  not_found: "That could not be found.",
  conflict: "That conflicts with existing data.",
  rate_limit: "Too many attempts. Please wait and try again.",
  unavailable: "A service is unavailable. Please try again shortly.",
  internal: "Something went wrong on our side.",
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly fieldErrors?: FieldErrors;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    extra: { fieldErrors?: FieldErrors; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const kind = code.split(":")[0] as ErrorKind;
    super(message ?? DEFAULT_MESSAGE[kind] ?? DEFAULT_MESSAGE.internal, { cause: extra.cause });
    this.name = "AppError";
    this.code = code;
    this.kind = kind in STATUS ? kind : "internal";
    this.fieldErrors = extra.fieldErrors;
    this.headers = extra.headers;
  }

  get status(): number {
    return STATUS[this.kind];
  }

  toJSON(): SerializedError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
    };
  }

  toResponse(): Response {
    return Response.json({ error: this.toJSON() }, { status: this.status, headers: this.headers });
  }

  /** Anything that is not an AppError becomes a generic internal error: no stack, no SQL. */
  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    return new AppError("internal:server", undefined, { cause: error });
  }
}

export type SerializedError = { code: ErrorCode; message: string; fieldErrors?: FieldErrors };

export type Result<T> = { ok: true; data: T } | { ok: false; error: SerializedError };
