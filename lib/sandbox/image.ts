// The sandbox image: its tag (a content hash of sandbox-images/) and its offline-capable build.
// The base is debian:trixie-slim from Docker Hub when it answers, else the same suite made with
// debootstrap from the host's apt mirror. Never rebuild when the tag exists.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Docker from "dockerode";
import type { SandboxVariant } from "./config";
import { isNotFound } from "./docker";
import { SandboxError } from "./errors";

export const SANDBOX_IMAGES_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.CAISSON_SANDBOX_IMAGES_DIR || "sandbox-images");
const HUB_BASE = "debian:trixie-slim";
const LOCAL_BASE = "caisson-base:trixie";

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), rel);
      return entry.isFile() ? [rel] : [];
    })
    .sort();
}

/**
 * `caisson-sandbox:<12 hex>-<variant>`: a hash of every file's path, mode and content under
 * sandbox-images/, and which variant of the image it is.
 */
export function sandboxImageTag(variant: SandboxVariant, dir = SANDBOX_IMAGES_DIR): string {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new SandboxError("unavailable:image", `The image sources ${dir} are missing.`);
  const hash = createHash("sha256");
  for (const rel of listFiles(dir)) {
    const full = path.join(/*turbopackIgnore: true*/ dir, rel);
    const executable = (statSync(/*turbopackIgnore: true*/ full).mode & 0o111) !== 0;
    hash.update(`${rel}\0${executable ? "x" : "-"}\0`);
    hash.update(createHash("sha256").update(readFileSync(/*turbopackIgnore: true*/ full)).digest("hex"));
    hash.update("\n");
  }
  return `caisson-sandbox:${hash.digest("hex").slice(0, 12)}-${variant}`;
}

export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** The Debian mirror URI from the host's apt sources (deb822 or one-line), for debootstrap. */
export function hostAptMirror(): string {
  const files = ["/etc/apt/sources.list"];
  if (existsSync(/*turbopackIgnore: true*/ "/etc/apt/sources.list.d")) {
    for (const f of readdirSync(/*turbopackIgnore: true*/ "/etc/apt/sources.list.d").sort()) files.push(`/etc/apt/sources.list.d/${f}`);
  }
  for (const file of files) {
    if (!existsSync(/*turbopackIgnore: true*/ file)) continue;
    const text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    const match =
      text.match(/^\s*URIs:\s*(\S+\/debian)\/?\s*$/m) ?? text.match(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\/?\s/m);
    if (match?.[1]) return match[1];
  }
  return "http://deb.debian.org/debian";
}

type Log = (line: string) => void;

function run(command: string, args: string[], log: Log, stdoutTo?: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", stdoutTo ? "pipe" : "inherit", "inherit"] });
    if (stdoutTo && child.stdout) child.stdout.pipe(stdoutTo);
    child.on("error", (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
    log(`$ ${command} ${args.join(" ")}`);
  });
}

async function followBuild(docker: Docker, stream: NodeJS.ReadableStream, log: Log): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string }>) => {
        const failed = error?.message ?? output.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      },
      (event: { stream?: string; status?: string; error?: string }) => {
        const line = (event.stream ?? event.status ?? event.error ?? "").trimEnd();
        if (line) log(line);
      },
    );
  });
}

/** debian:trixie-slim if Docker Hub answers, else a debootstrapped trixie imported as LOCAL_BASE. */
async function ensureBase(docker: Docker, mirror: string, log: Log): Promise<string> {
  if (await imageExists(docker, HUB_BASE)) return HUB_BASE;
  if (await imageExists(docker, LOCAL_BASE)) return LOCAL_BASE;
  try {
    const stream = await docker.pull(HUB_BASE);
    await followBuild(docker, stream, log);
    return HUB_BASE;
  } catch (error) {
    log(`Docker Hub is not reachable (${(error as Error).message.split("\n")[0]}); building the base with debootstrap from ${mirror}`);
  }
  if (process.getuid?.() !== 0) {
    throw new SandboxError("unavailable:image", "Building the sandbox base with debootstrap needs root: run `npm run sandbox:build` as root.");
  }
  const root = await mkdtemp(path.join(os.tmpdir(), "caisson-base-"));
  try {
    await run("debootstrap", ["--variant=minbase", "trixie", root, mirror], log);
    const tar = spawn("tar", ["--numeric-owner", "-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const [repo, tag] = LOCAL_BASE.split(":") as [string, string];
    const imported = await docker.importImage(tar.stdout as unknown as string, { repo, tag });
    await followBuild(docker, imported, log);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return LOCAL_BASE;
}

/** Builds the sandbox image unless its tag exists; returns the tag. */
export async function buildSandboxImage(
  docker: Docker,
  options: { variant: SandboxVariant; mirror?: string; log?: Log; dir?: string },
): Promise<string> {
  const log = options.log ?? ((line) => console.log(line));
  const dir = options.dir ?? SANDBOX_IMAGES_DIR;
  const tag = sandboxImageTag(options.variant, dir);
  if (await imageExists(docker, tag)) {
    log(`${tag} is present`);
    return tag;
  }
  const base = await ensureBase(docker, options.mirror || hostAptMirror(), log);
  log(`building ${tag} from ${base}`);
  const stream = await docker.buildImage(
    { context: dir, src: listFiles(dir) },
    { t: tag, buildargs: { BASE: base, VARIANT: options.variant }, rm: true, forcerm: true, labels: { "caisson.image": "sandbox" } },
  );
  await followBuild(docker, stream, log);
  if (!(await imageExists(docker, tag))) throw new SandboxError("unavailable:image", `The build of ${tag} finished without producing it.`);
  return tag;
}
