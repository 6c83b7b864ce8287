// The app's typed errors: a code ("not_found:chat"), a message a person can act on, and the HTTP
// status it maps to. Routes throw these; `errorResponse` is the one place that decides what users see.
import { SandboxError } from "./sandbox/errors";

export type AppErrorCode =
  | "bad_request:json"
  | "bad_request:body"
  | "bad_request:model"
  | "bad_request:message"
  | "not_found:chat"
  | "not_found:route"
  | "unavailable:docker"
  | "unavailable:image"
  | "unavailable:sandbox"
  | "internal";

const STATUS: Record<string, number> = { bad_request: 400, not_found: 404, unavailable: 503, internal: 500 };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }

  override toString(): string {
    return this.message;
  }

  get status(): number {
    return STATUS[this.code.split(":")[0]!] ?? 500;
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
  }
}

/** Any thrown value as a JSON error response; unknown errors are logged and hidden. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return error.toResponse();
  if (error instanceof SandboxError) {
    const code = error.code.startsWith("unavailable:") ? "unavailable:sandbox" : error.code.startsWith("invalid:") ? "bad_request:body" : "internal";
    return Response.json({ error: { code, message: error.message } }, { status: STATUS[code.split(":")[0]!] });
  }
  console.error(error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on the server; see its log." } }, { status: 500 });
}
