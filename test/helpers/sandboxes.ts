// A sandbox manager for tests: its own instance label and data folder, small limits so caps are
// reached quickly, and a cleanup that removes every container and storage it made.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type SandboxConfig, sandboxConfigFromEnv } from "../../lib/sandbox/config";
import { SandboxManager, type SandboxManagerOptions } from "../../lib/sandbox/manager";

const MiB = 1024 * 1024;

export function testConfig(overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  const base = sandboxConfigFromEnv({} as NodeJS.ProcessEnv);
  const id = randomBytes(4).toString("hex");
  return {
    ...base,
    instance: `test-${id}`,
    dataDir: path.join(os.tmpdir(), `caisson-test-${id}`),
    limits: { memoryBytes: 256 * MiB, cpus: 1, pidsLimit: 128, tmpBytes: 16 * MiB, diskBytes: 64 * MiB },
    exec: { ...base.exec, defaultTimeoutMs: 30_000 },
    ...overrides,
  };
}

export function testManager(options: Omit<SandboxManagerOptions, "config"> & { config?: Partial<SandboxConfig> } = {}): SandboxManager {
  return new SandboxManager({ ...options, config: testConfig(options.config) });
}

/** Removes everything the manager made: containers, storage, its data folder. */
export async function cleanUp(manager: SandboxManager): Promise<void> {
  manager.close();
  const containers = await manager.docker.listContainers({ all: true, filters: { label: [`caisson.instance=${manager.config.instance}`] } });
  const chatIds = new Set(containers.map((c) => c.Labels["caisson.chat"]!));
  for (const s of manager.list()) chatIds.add(s.chatId);
  for (const chatId of chatIds) await manager.delete(chatId);
  await rm(manager.config.dataDir, { recursive: true, force: true });
}

export const uniqueChat = (label = "chat") => `${label}-${randomBytes(4).toString("hex")}`;
