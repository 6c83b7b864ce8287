// Typed sandbox errors: a code a program can branch on and a message a person can act on.
// Never put a stack trace or a raw engine response in `message` without saying what to do.

export type SandboxErrorCode =
  | "unavailable:docker"
  | "unavailable:image"
  | "unavailable:storage"
  | "invalid:path"
  | "invalid:archive"
  | "not_found:file"
  | "invalid:request"
  | "failed:sandbox";

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SandboxError";
  }

  /** The message alone: tool errors reach the model and the UI through String(error). */
  override toString(): string {
    return this.message;
  }
}

export const DOCKER_FIX =
  "Install and start a Docker engine: on Debian as root run `apt-get install -y docker.io && (dockerd >/var/log/dockerd.log 2>&1 &)`, " +
  "or set DOCKER_HOST to a reachable engine. `npm test` and `npm run up` do this for you when run as root.";
