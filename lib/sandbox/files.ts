// Files in and out of a sandbox: write a file or unpack a tar into /mnt/data or HOME, read a file
// or a folder as tar, list a folder. Every step runs inside the sandbox as the sandbox user, after
// the path checks, so even a symlink swapped in mid-way gains nothing the sandbox did not have.
import { randomBytes } from "node:crypto";
import path from "node:path/posix";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type Docker from "dockerode";
import * as tar from "tar-stream";
import { SandboxError } from "./errors";
import { DATA_ROOT, HOME_ROOT, checkArchiveEntryName, isUnderRoots, resolveSandboxPath } from "./paths";
import { startProcess } from "./process";

export interface FileEntry {
  name: string;
  path: string;
  type: "file" | "directory" | "symlink" | "other";
  sizeBytes: number;
  modifiedAt: Date;
  mode: number;
}

// Shell helpers shared by every file script; paths arrive as arguments, never spliced into code.
const PRELUDE = `
set -u
fail() { echo "caisson:$1:$2" >&2; exit 3; }
under_roots() { case "$1/" in ${DATA_ROOT}/*|${HOME_ROOT}/*) return 0;; esac; return 1; }
`;

const WRITE_SCRIPT = `${PRELUDE}
p=$1
d=$(realpath -m -- "$(dirname -- "$p")")
under_roots "$d" || fail path "$p leads outside ${DATA_ROOT} and ${HOME_ROOT} through a symbolic link"
if [ -L "$p" ]; then fail path "$p is a symbolic link; refusing to write through it"; fi
if [ -e "$p" ] && [ ! -f "$p" ]; then fail path "$p exists and is not a regular file"; fi
mkdir -p -- "$d" || fail path "could not create the folder $d"
d=$(realpath -e -- "$d") && under_roots "$d" || fail path "$p leads outside ${DATA_ROOT} and ${HOME_ROOT}"
t="$d/.caisson-upload.$$"
if ! cat > "$t"; then rm -f -- "$t"; fail write "writing $p failed (is the sandbox's storage full?)"; fi
mv -f -- "$t" "$d/$(basename -- "$p")" || { rm -f -- "$t"; fail write "could not move the file into place"; }
`;

const READ_SCRIPT = `${PRELUDE}
p=$1 mode=$2
[ -e "$p" ] || [ -L "$p" ] || { echo "caisson:missing:$p does not exist" >&2; exit 4; }
r=$(realpath -e -- "$p") || fail path "$p is a dangling symbolic link"
under_roots "$r" || fail path "$p points outside ${DATA_ROOT} and ${HOME_ROOT}"
if [ "$mode" = file ]; then
  [ -f "$r" ] || fail path "$p is not a regular file"
  exec cat -- "$r"
elif [ "$mode" = tar ]; then
  exec tar -C "$(dirname -- "$r")" -cf - -- "$(basename -- "$r")"
else
  [ -d "$r" ] || fail path "$p is not a folder"
  exec find "$r" -mindepth 1 -maxdepth 1 -printf '%y\\t%s\\t%T@\\t%m\\t%f\\0'
fi
`;

const UNTAR_SCRIPT = `${PRELUDE}
dest=$1 stage=$2 commit=$3
abort() { rm -rf -- "$stage"; fail "$1" "$2"; }
r=$(realpath -m -- "$dest")
under_roots "$r" || fail path "$dest leads outside ${DATA_ROOT} and ${HOME_ROOT} through a symbolic link"
mkdir -p -- "$stage" || fail write "could not create a staging folder"
tar -x -C "$stage" --no-same-owner --no-same-permissions -f - 2>/dev/null || abort archive "the archive could not be unpacked (truncated, or the storage is full)"
[ -f "$stage/$commit" ] || abort archive "the upload was interrupted; nothing was written"
rm -f -- "$stage/$commit"
# Archives carry odd modes (folders without x): the owner must always be able to use its files.
chmod -R u+rwX -- "$stage" || abort write "could not fix the permissions of the unpacked files"
while IFS= read -r -d '' rel; do
  t=$(realpath -m -- "$r/\${rel#./}")
  under_roots "$t" || abort path "\${rel#./} would land outside ${DATA_ROOT} and ${HOME_ROOT} through a symbolic link"
  if [ -e "$t" ] && [ ! -d "$t" ] && [ -d "$stage/$rel" ]; then abort path "\${rel#./} exists and is not a folder"; fi
done < <(cd "$stage" && find . -mindepth 1 -print0)
mkdir -p -- "$r" || abort write "could not create $dest"
# Hard links: same filesystem, so the move costs no space and no copy.
cp -a -l --remove-destination -- "$stage/." "$r/" || abort write "could not move the files into $dest"
rm -rf -- "$stage"
`;

function scriptError(stderr: string, exitCode: number | null): SandboxError {
  const m = /caisson:(\w+):(.*)/.exec(stderr);
  if (exitCode === 4 && m) return new SandboxError("not_found:file", m[2]!.trim());
  if (m) return new SandboxError(m[1] === "archive" ? "invalid:archive" : m[1] === "path" ? "invalid:path" : "failed:sandbox", m[2]!.trim());
  return new SandboxError("failed:sandbox", `The file operation failed (exit ${exitCode}): ${stderr.trim().slice(0, 500)}`);
}

interface ScriptRun {
  stdout: Readable;
  done: Promise<void>;
  stdin: NodeJS.WritableStream;
}

/** Runs a file script with paths as arguments; `done` rejects with a SandboxError on failure. */
async function runScript(container: Docker.Container, user: string, script: string, args: string[], withStdin: boolean): Promise<ScriptRun> {
  const stdout = new PassThrough();
  stdout.on("error", () => {}); // failures reach callers through `done`; a stream error must not crash the app
  let stderr = "";
  let paused = false;
  const proc = await startProcess(container, { cmd: ["bash", "-c", script, "caisson-files", ...args], user, stdin: withStdin }, (stream, data) => {
    if (stream === "stderr") {
      if (stderr.length < 8192) stderr += data.toString("utf8");
      return;
    }
    // Respect the reader's pace: pause the socket until the consumer drains.
    if (!stdout.write(Buffer.from(data)) && !paused) {
      paused = true;
      proc.stream.pause();
      stdout.once("drain", () => {
        paused = false;
        proc.stream.resume();
      });
    }
  });
  const done = proc.ended.then(async () => {
    const exitCode = await proc.exitCode();
    if (exitCode !== 0) {
      const error = scriptError(stderr, exitCode);
      stdout.destroy(error);
      throw error;
    }
    stdout.end();
  });
  done.catch(() => {});
  return { stdout, done, stdin: proc.stream };
}

export async function writeFile(container: Docker.Container, user: string, target: string, content: Buffer | string | Readable): Promise<string> {
  const absolute = resolveSandboxPath(target);
  if (absolute === DATA_ROOT || absolute === HOME_ROOT) throw new SandboxError("invalid:path", `${target} is a folder.`);
  const run = await runScript(container, user, WRITE_SCRIPT, [absolute], true);
  run.stdout.resume();
  if (typeof content === "string" || Buffer.isBuffer(content)) run.stdin.end(content);
  else await pipeline(content, run.stdin as NodeJS.WritableStream).catch(() => {});
  await run.done;
  return absolute;
}

export async function readFile(container: Docker.Container, user: string, target: string, maxBytes = 256 * 1024 * 1024): Promise<Buffer> {
  const stream = await readStream(container, user, target, "file");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new SandboxError("invalid:request", `${target} is larger than ${maxBytes} bytes; read it as a stream instead.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A file's bytes, or a tar of a file or folder; errors surface on the stream. */
export async function readStream(container: Docker.Container, user: string, target: string, kind: "file" | "tar"): Promise<Readable> {
  const run = await runScript(container, user, READ_SCRIPT, [resolveSandboxPath(target), kind], false);
  // A bad path fails before the first byte: report it as an error here, not mid-stream.
  await Promise.race([run.done, once(run.stdout, "readable")]);
  return run.stdout;
}

export async function listFolder(container: Docker.Container, user: string, target: string): Promise<FileEntry[]> {
  const absolute = resolveSandboxPath(target);
  const run = await runScript(container, user, READ_SCRIPT, [absolute, "list"], false);
  const chunks: Buffer[] = [];
  run.stdout.on("data", (c: Buffer) => chunks.push(c));
  await run.done;
  const types: Record<string, FileEntry["type"]> = { f: "file", d: "directory", l: "symlink" };
  return Buffer.concat(chunks)
    .toString("utf8")
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const [type, size, mtime, mode, ...nameParts] = record.split("\t");
      const name = nameParts.join("\t");
      return {
        name,
        path: path.join(absolute, name),
        type: types[type!] ?? "other",
        sizeBytes: Number(size),
        modifiedAt: new Date(Number(mtime) * 1000),
        mode: parseInt(mode!, 8),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Unpacks a tar stream into a folder. Each entry is checked before it reaches the sandbox (no
 * absolute names, no `..`, no devices or fifos, links only to places inside the roots), and the
 * archive lands in a staging folder first: a bad entry or a broken upload writes nothing.
 */
export async function writeTar(container: Docker.Container, user: string, targetDir: string, archive: Readable): Promise<string> {
  const dest = resolveSandboxPath(targetDir);
  const commit = `.caisson-commit-${randomBytes(8).toString("hex")}`;
  // Staging lives on the same mount as the destination: hard links cannot cross mounts.
  const root = dest === HOME_ROOT || dest.startsWith(`${HOME_ROOT}/`) ? HOME_ROOT : DATA_ROOT;
  const stage = `${root}/.caisson-staging-${randomBytes(8).toString("hex")}`;
  const run = await runScript(container, user, UNTAR_SCRIPT, [dest, stage, commit], true);
  run.stdout.resume();
  const extract = tar.extract();
  const pack = tar.pack();
  const seen = new Set<string>();
  const checked = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, body, next) => {
      try {
        const name = checkArchiveEntryName(header.name);
        const at = path.join(dest, name);
        if (header.type === "symlink" || header.type === "link") {
          const link = header.linkname ?? "";
          const resolved = header.type === "link" ? path.join(dest, checkArchiveEntryName(link)) : path.resolve(path.dirname(at), link);
          if (!isUnderRoots(resolved)) throw new SandboxError("invalid:archive", `Archive entry ${JSON.stringify(header.name)} links to ${JSON.stringify(link)}, outside the sandbox's files.`);
          if (header.type === "link" && !seen.has(checkArchiveEntryName(link))) {
            throw new SandboxError("invalid:archive", `Archive entry ${JSON.stringify(header.name)} is a hard link to something not in the archive.`);
          }
        } else if (header.type !== "file" && header.type !== "directory" && header.type !== "contiguous-file") {
          throw new SandboxError("invalid:archive", `Archive entry ${JSON.stringify(header.name)} is a ${header.type}; only files, folders and links are allowed.`);
        }
        seen.add(name);
        const out = pack.entry({ ...header, name, uid: 0, gid: 0, uname: "", gname: "", type: header.type === "contiguous-file" ? "file" : header.type }, (error) =>
          error ? reject(error) : next(),
        );
        body.pipe(out);
      } catch (error) {
        body.resume();
        reject(error);
      }
    });
    extract.on("finish", resolve);
    extract.on("error", (error) => reject(new SandboxError("invalid:archive", `The archive is not a valid tar file: ${error.message}`)));
  });
  pack.pipe(run.stdin as NodeJS.WritableStream);
  archive.on("error", (error) => extract.destroy(error));
  archive.pipe(extract);
  try {
    await checked;
  } catch (error) {
    // Cut the upload short without the commit entry: the script discards the staging folder.
    pack.destroy();
    (run.stdin as NodeJS.WritableStream).end();
    await run.done.catch(() => {});
    throw error;
  }
  pack.entry({ name: commit }, "");
  pack.finalize();
  await run.done;
  return dest;
}
