// A chat's own storage: one sparse ext4 file per chat, loop-mounted on the host and bind-mounted
// into the sandbox as /mnt/data and HOME. Its size is the cap: writing past it is ENOSPC inside
// the sandbox and can never fill the host disk. Must never follow a path chosen by the sandbox.
import { execFile } from "node:child_process";
import { chown, mkdir, readFile, rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { SandboxError } from "./errors";

const execFileAsync = promisify(execFile);

export interface StoragePaths {
  /** Folder of this chat's storage on the host. */
  root: string;
  /** The sparse file holding the filesystem. */
  image: string;
  /** Where the filesystem is mounted on the host. */
  mount: string;
  /** Mounted into the sandbox at /mnt/data. */
  data: string;
  /** Mounted into the sandbox at /home/sandbox. */
  home: string;
}

export function storagePaths(dataDir: string, key: string): StoragePaths {
  const root = path.join(dataDir, "sandboxes", key);
  const mount = path.join(root, "fs");
  return { root, image: path.join(root, "disk.ext4"), mount, data: path.join(mount, "data"), home: path.join(mount, "home") };
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Whether `dir` is a mount point, from the kernel's own table (no shelling out). */
export async function isMounted(dir: string): Promise<boolean> {
  const table = await readFile("/proc/self/mountinfo", "utf8");
  // Field 5 is the mount point, with spaces and friends octal-escaped.
  const escaped = dir.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
  return table.split("\n").some((line) => line.split(" ")[4] === escaped);
}

async function sh(command: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(command, args);
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new SandboxError("unavailable:storage", `${command} ${args.join(" ")} failed: ${(e.stderr || e.message).trim()}`, {
      cause: error,
    });
  }
}

/**
 * A cross-process lock: mkdir is atomic. Two app processes must never mount one filesystem twice
 * (two loop devices on one ext4 file corrupt it). A lock older than a minute is from a crash.
 */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, ".lock");
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 60_000) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Creates (first time) and mounts the chat's filesystem; idempotent and safe across processes. */
export async function ensureStorage(paths: StoragePaths, sizeBytes: number, uid: number): Promise<void> {
  if (await isMounted(paths.mount)) return;
  if (process.getuid?.() !== 0) {
    throw new SandboxError(
      "unavailable:storage",
      "Per-chat sandbox storage is a loop-mounted filesystem and needs the app to run as root (or set CAISSON_DATA_DIR on a host where it does).",
    );
  }
  await mkdir(paths.mount, { recursive: true, mode: 0o700 });
  await withLock(paths.root, async () => {
    if (await isMounted(paths.mount)) return;
    if (!(await exists(paths.image))) {
      const partial = `${paths.image}.partial`;
      await writeFile(partial, "");
      await truncate(partial, sizeBytes);
      // -m 0: no blocks reserved for root (nobody is root in there); root_owner: the sandbox user owns /.
      await sh("mkfs.ext4", ["-q", "-F", "-m", "0", "-E", `root_owner=${uid}:${uid}`, partial]);
      await rename(partial, paths.image);
    }
    await sh("mount", ["-o", "loop,nosuid,nodev", paths.image, paths.mount]);
    for (const dir of [paths.data, paths.home]) {
      if (!(await exists(dir))) {
        await mkdir(dir, { mode: 0o755 });
        await chown(dir, uid, uid);
      }
    }
  });
}

/** Unmounts and deletes everything of the chat's storage. */
export async function removeStorage(paths: StoragePaths): Promise<void> {
  if (await isMounted(paths.mount)) {
    // Lazy: a process that still holds it (a slow container teardown) must not keep the data alive.
    await sh("umount", ["-l", paths.mount]);
  }
  await rm(paths.root, { recursive: true, force: true });
}
