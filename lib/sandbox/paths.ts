// Path rules for files moved in and out of a sandbox. Paths come from models and users: hostile.
// Only two roots exist; nothing may name a place outside them, before or after symlinks.
import path from "node:path/posix";
import { SandboxError } from "./errors";

export const DATA_ROOT = "/mnt/data";
export const HOME_ROOT = "/home/sandbox";
export const ROOTS = [DATA_ROOT, HOME_ROOT] as const;

export function isUnderRoots(absolute: string): boolean {
  return ROOTS.some((root) => absolute === root || absolute.startsWith(`${root}/`));
}

/**
 * Turns a user's path into an absolute sandbox path inside /mnt/data or HOME: relative paths are
 * relative to /mnt/data, `~` is HOME. Refuses `..`, NUL, and anything outside the roots.
 */
export function resolveSandboxPath(input: string): string {
  if (typeof input !== "string" || input.length === 0) throw new SandboxError("invalid:path", "A path is required.");
  if (input.length > 4096) throw new SandboxError("invalid:path", "The path is longer than 4096 characters.");
  if (/[\0\r\n]/.test(input)) throw new SandboxError("invalid:path", "The path contains a NUL or line-break character.");
  let p = input;
  if (p === "~" || p.startsWith("~/")) p = HOME_ROOT + p.slice(1);
  if (p.split("/").includes("..")) throw new SandboxError("invalid:path", `${JSON.stringify(input)}: '..' is not allowed in sandbox paths.`);
  const absolute = path.normalize(p.startsWith("/") ? p : `${DATA_ROOT}/${p}`).replace(/\/+$/, "") || "/";
  if (!isUnderRoots(absolute)) {
    throw new SandboxError("invalid:path", `${JSON.stringify(input)} is outside the sandbox's files: use a path under ${DATA_ROOT} or ${HOME_ROOT}.`);
  }
  return absolute;
}

/** An archive entry's name, made relative and checked like a path. */
export function checkArchiveEntryName(name: string): string {
  if (name.includes("\0")) throw new SandboxError("invalid:archive", "An archive entry's name contains a NUL byte.");
  if (name.startsWith("/")) throw new SandboxError("invalid:archive", `Archive entry ${JSON.stringify(name)} has an absolute path.`);
  const parts = name.split("/").filter((s) => s !== "" && s !== ".");
  if (parts.includes("..")) throw new SandboxError("invalid:archive", `Archive entry ${JSON.stringify(name)} climbs out with '..'.`);
  if (parts.length === 0) return ".";
  return parts.join("/");
}
