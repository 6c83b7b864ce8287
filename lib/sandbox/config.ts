// Every sandbox knob in one place, read from the environment once. Each default works on one
// machine; never read process.env for sandbox settings anywhere else.
import path from "node:path";
import { z } from "zod";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export interface SandboxLimits {
  /** Memory limit of the whole container (no swap: memory+swap is the same number). */
  memoryBytes: number;
  /** CPU limit, in cores. */
  cpus: number;
  /** Most processes and threads the container may hold at once (contains fork bombs). */
  pidsLimit: number;
  /** Size of the /tmp tmpfs (counts against the memory limit). */
  tmpBytes: number;
  /** Size of the chat's own storage: /mnt/data and HOME share it. */
  diskBytes: number;
}

export type SandboxVariant = "full" | "slim";

export interface SandboxConfig {
  /** Names this app instance in container labels: re-adoption and reaping only touch its own. */
  instance: string;
  /** Image to run; empty means the tag computed from sandbox-images/ and the variant (image.ts). */
  image: string;
  /** "full" (every language, the default) or "slim" (bash, python, node, c/c++) for small hosts. */
  variant: SandboxVariant;
  /** Host folder holding each chat's storage file and mount point. */
  dataDir: string;
  networkName: string;
  /** Linux name of the sandbox network's bridge, so the host firewall can name it. */
  bridgeName: string;
  /** Host TCP port the package gateway listens on: the one hole in the host firewall. 0: none. */
  gatewayPort: number;
  /** A sandbox with no activity for this long is stopped (its files stay). */
  idleStopMs: number;
  /** How often the idle check and the orphan reaper run. */
  sweepIntervalMs: number;
  limits: SandboxLimits;
  /** uid and gid of the unprivileged user inside the sandbox (unused on the host). */
  sandboxUid: number;
  exec: {
    defaultTimeoutMs: number;
    maxTimeoutMs: number;
    /** Output kept per stream: this many bytes from the start and this many from the end. */
    headBytes: number;
    tailBytes: number;
  };
  /** Debian mirror for the debootstrap base when Docker Hub is unreachable; empty: the host's. */
  aptMirror: string;
}

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  CAISSON_INSTANCE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, "lower-case letters, digits, '.', '_', '-'")
    .default("default"),
  CAISSON_SANDBOX_IMAGE: z.string().default(""),
  CAISSON_SANDBOX_VARIANT: z.enum(["full", "slim"]).default("full"),
  // Outside the project folder: build tools must never walk into the chats' disk images.
  CAISSON_DATA_DIR: z.string().default("/var/lib/caisson"),
  CAISSON_NETWORK: z.string().default("caisson-sandboxes"),
  CAISSON_BRIDGE: z.string().max(15).default("caisson0"),
  CAISSON_GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  CAISSON_IDLE_STOP_MINUTES: z.coerce.number().positive().default(20),
  CAISSON_SANDBOX_MEMORY_MB: int(1024),
  CAISSON_SANDBOX_CPUS: z.coerce.number().positive().default(1),
  CAISSON_SANDBOX_PIDS: int(512),
  CAISSON_SANDBOX_TMP_MB: int(256),
  CAISSON_SANDBOX_DISK_MB: int(4096),
  CAISSON_EXEC_TIMEOUT_SECONDS: int(120),
  CAISSON_EXEC_MAX_TIMEOUT_SECONDS: int(3600),
  CAISSON_OUTPUT_HEAD_KB: int(32),
  CAISSON_OUTPUT_TAIL_KB: int(32),
  CAISSON_APT_MIRROR: z.string().default(""),
});

export function sandboxConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid sandbox configuration in the environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    instance: e.CAISSON_INSTANCE,
    image: e.CAISSON_SANDBOX_IMAGE,
    variant: e.CAISSON_SANDBOX_VARIANT,
    dataDir: path.resolve(e.CAISSON_DATA_DIR),
    networkName: e.CAISSON_NETWORK,
    bridgeName: e.CAISSON_BRIDGE,
    gatewayPort: e.CAISSON_GATEWAY_PORT,
    idleStopMs: e.CAISSON_IDLE_STOP_MINUTES * 60_000,
    sweepIntervalMs: 60_000,
    limits: {
      memoryBytes: e.CAISSON_SANDBOX_MEMORY_MB * MiB,
      cpus: e.CAISSON_SANDBOX_CPUS,
      pidsLimit: e.CAISSON_SANDBOX_PIDS,
      tmpBytes: e.CAISSON_SANDBOX_TMP_MB * MiB,
      diskBytes: e.CAISSON_SANDBOX_DISK_MB * MiB,
    },
    sandboxUid: 60321,
    exec: {
      defaultTimeoutMs: e.CAISSON_EXEC_TIMEOUT_SECONDS * 1000,
      maxTimeoutMs: e.CAISSON_EXEC_MAX_TIMEOUT_SECONDS * 1000,
      headBytes: e.CAISSON_OUTPUT_HEAD_KB * 1024,
      tailBytes: e.CAISSON_OUTPUT_TAIL_KB * 1024,
    },
    aptMirror: e.CAISSON_APT_MIRROR,
  };
}

/** "512 MiB", "1.5 GiB": limits as people read them in messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${+(bytes / GiB).toFixed(2)} GiB`;
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
