// The sandbox manager: one hardened container per chat, created on first use, stopped when idle,
// re-adopted by label after a restart, removed with its chat, orphans reaped. It knows chats only
// as ids; whether a chat still exists is the caller's `chatExists`.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type Docker from "dockerode";
import { type SandboxConfig, sandboxConfigFromEnv } from "./config";
import { dockerClient, engineInfo, isConflict, isNotFound } from "./docker";
import { SandboxError } from "./errors";
import { buildSandboxImage, imageExists, sandboxImageTag } from "./image";
import { ensureFirewall, ensureNetwork, type FirewallState, firewallState } from "./network";
import { Sandbox } from "./sandbox";
import { type LanguageInfo, probeLanguages } from "./toolchains";
import { ensureStorage, removeStorage, storagePaths } from "./storage";

export const LABEL_MANAGED = "caisson.sandbox";
export const LABEL_INSTANCE = "caisson.instance";
export const LABEL_CHAT = "caisson.chat";

export interface SandboxManagerOptions {
  config?: SandboxConfig;
  docker?: Docker;
  /** Whether a chat still exists; sandboxes of chats that do not are reaped. Default: all exist. */
  chatExists?: (chatId: string) => Promise<boolean>;
}

export interface SandboxHealth {
  ok: boolean;
  docker: { reachable: boolean; version?: string; apiVersion?: string; error?: string };
  image: { tag: string; present: boolean; building: boolean; error?: string };
  network: { name: string; present: boolean; internal: boolean; interSandboxTraffic: boolean };
  firewall: FirewallState;
  sandboxes: { running: number; stopped: number };
  /** Everything that needs a person's attention, each with what to do. */
  problems: string[];
}

function checkChatId(chatId: string): void {
  if (typeof chatId !== "string" || chatId.length === 0 || chatId.length > 200 || /[\0-\x1f\x7f]/.test(chatId)) {
    throw new SandboxError("invalid:request", "A chat id is 1-200 printable characters.");
  }
}

export class SandboxManager {
  readonly config: SandboxConfig;
  readonly docker: Docker;
  private readonly chatExists: (chatId: string) => Promise<boolean>;
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly creating = new Map<string, Promise<Sandbox>>();
  private started: Promise<void> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private building: Promise<string> | null = null;
  private buildError: string | null = null;
  private firewall: FirewallState | null = null;
  private toolchains: { image: string; languages: Promise<LanguageInfo[]> } | null = null;

  constructor(options: SandboxManagerOptions = {}) {
    this.config = options.config ?? sandboxConfigFromEnv();
    this.docker = options.docker ?? dockerClient();
    this.chatExists = options.chatExists ?? (async () => true);
  }

  get imageTag(): string {
    return this.config.image || sandboxImageTag(this.config.variant);
  }

  private key(chatId: string): string {
    return createHash("sha256").update(`${this.config.instance}\0${chatId}`).digest("hex").slice(0, 24);
  }

  private containerName(chatId: string): string {
    return `caisson-${this.config.instance}-${this.key(chatId)}`;
  }

  private get resolvConf(): string {
    return path.join(this.config.dataDir, "resolv.conf");
  }

  /** Network, firewall, re-adoption of running sandboxes, the idle/reaper sweep. Idempotent. */
  start(): Promise<void> {
    this.started ??= this.startOnce().catch((error) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  private async startOnce(): Promise<void> {
    await engineInfo(this.docker);
    await mkdir(this.config.dataDir, { recursive: true, mode: 0o711 });
    // Lookups fail at once (nothing listens on the sandbox's own loopback): no 20 s resolver waits.
    await writeFile(this.resolvConf, "# Caisson sandboxes have no DNS.\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n", { mode: 0o644 });
    await ensureNetwork(this.docker, this.config);
    this.firewall = await ensureFirewall(this.config);
    if (!this.firewall.enforced) console.error(`\n*** CAISSON SECURITY WARNING: ${this.firewall.detail} ***\n`);
    await this.adopt();
    this.sweepTimer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Takes over this instance's containers from an earlier run of the app. */
  private async adopt(): Promise<void> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABEL_MANAGED}=1`, `${LABEL_INSTANCE}=${this.config.instance}`] },
    });
    for (const c of containers) {
      const chatId = c.Labels[LABEL_CHAT];
      if (!chatId || this.sandboxes.has(chatId)) continue;
      const sandbox = new Sandbox(
        chatId,
        this.docker.getContainer(c.Id),
        storagePaths(this.config.dataDir, this.key(chatId)),
        this.config,
        c.State === "running" ? "running" : "stopped",
      );
      if (c.State === "running") await sandbox.adoptRunning();
      this.sandboxes.set(chatId, sandbox);
    }
  }

  /** The chat's sandbox, created on first use; concurrent first calls share one creation. */
  async get(chatId: string): Promise<Sandbox> {
    checkChatId(chatId);
    await this.start();
    const existing = this.sandboxes.get(chatId);
    if (existing) return existing;
    let pending = this.creating.get(chatId);
    if (!pending) {
      pending = this.create(chatId).finally(() => this.creating.delete(chatId));
      this.creating.set(chatId, pending);
    }
    return pending;
  }

  /** The chat's sandbox if it exists, without creating one. */
  find(chatId: string): Sandbox | undefined {
    return this.sandboxes.get(chatId);
  }

  list(): Sandbox[] {
    return [...this.sandboxes.values()];
  }

  private async create(chatId: string): Promise<Sandbox> {
    const image = await this.requireImage();
    const paths = storagePaths(this.config.dataDir, this.key(chatId));
    await ensureStorage(paths, this.config.limits.diskBytes, this.config.sandboxUid);
    await writeFile(path.join(paths.root, "chat-id"), chatId);
    const { limits, sandboxUid } = this.config;
    const name = this.containerName(chatId);
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({
        name,
        Image: image,
        Hostname: "sandbox",
        User: `${sandboxUid}:${sandboxUid}`,
        WorkingDir: "/mnt/data",
        Labels: { [LABEL_MANAGED]: "1", [LABEL_INSTANCE]: this.config.instance, [LABEL_CHAT]: chatId },
        StopTimeout: 2,
        HostConfig: {
          NetworkMode: this.config.networkName,
          CapDrop: ["ALL"],
          SecurityOpt: ["no-new-privileges:true"],
          ReadonlyRootfs: true,
          Tmpfs: {
            "/tmp": `rw,exec,nosuid,nodev,size=${limits.tmpBytes},mode=1777`,
            "/run/caisson": "rw,noexec,nosuid,nodev,size=1m,mode=1777",
          },
          Memory: limits.memoryBytes,
          MemorySwap: limits.memoryBytes,
          NanoCpus: Math.round(limits.cpus * 1e9),
          PidsLimit: limits.pidsLimit,
          Binds: [`${paths.data}:/mnt/data:rw`, `${paths.home}:/home/sandbox:rw`, `${this.resolvConf}:/etc/resolv.conf:ro`],
          // The embedded resolver would forward to this: the sandbox's own loopback, where nothing listens.
          Dns: ["127.0.0.1"],
          IpcMode: "private",
          ShmSize: 64 * 1024 * 1024,
          LogConfig: { Type: "none", Config: {} },
          RestartPolicy: { Name: "no" },
        },
      });
    } catch (error) {
      if (!isConflict(error)) throw error;
      container = await this.containerMadeElsewhere(name);
    }
    const sandbox = new Sandbox(chatId, container, paths, this.config, "stopped");
    this.sandboxes.set(chatId, sandbox);
    return sandbox;
  }

  /**
   * Another process won the race to create this name: use its container. The engine reserves the
   * name before the container can be looked up, so wait for it to appear.
   */
  private async containerMadeElsewhere(name: string): Promise<Docker.Container> {
    for (let attempt = 0; ; attempt++) {
      try {
        const info = await this.docker.getContainer(name).inspect();
        return this.docker.getContainer(info.Id);
      } catch (error) {
        if (!isNotFound(error) || attempt >= 100) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Builds the image unless present; health reports "building" meanwhile. */
  ensureImage(log?: (line: string) => void): Promise<string> {
    this.building ??= buildSandboxImage(this.docker, { variant: this.config.variant, mirror: this.config.aptMirror, log: log ?? (() => {}) })
      .then((tag) => {
        this.buildError = null;
        return tag;
      })
      .catch((error) => {
        this.buildError = (error as Error).message;
        throw error;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  private async requireImage(): Promise<string> {
    const tag = this.imageTag;
    if (this.building) await this.building;
    if (await imageExists(this.docker, tag)) return tag;
    throw new SandboxError("unavailable:image", `The sandbox image ${tag} is not built yet: run \`npm run sandbox:build\` (as root, about 3 minutes).`);
  }

  /** The languages the sandbox image really has, with versions (probed once per image). */
  languages(): Promise<LanguageInfo[]> {
    const image = this.imageTag;
    if (this.toolchains?.image !== image) {
      const languages = this.requireImage().then((tag) => probeLanguages(this.docker, tag, `${this.config.sandboxUid}:${this.config.sandboxUid}`));
      languages.catch(() => {
        if (this.toolchains?.languages === languages) this.toolchains = null; // try again next time
      });
      this.toolchains = { image, languages };
    }
    return this.toolchains.languages;
  }

  /** Removes the chat's container and storage. Unknown chats are a no-op. */
  async delete(chatId: string): Promise<void> {
    checkChatId(chatId);
    await this.start();
    const sandbox = this.sandboxes.get(chatId);
    sandbox?.closeAll();
    this.sandboxes.delete(chatId);
    try {
      await this.docker.getContainer(this.containerName(chatId)).remove({ force: true, v: true });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await removeStorage(storagePaths(this.config.dataDir, this.key(chatId)));
  }

  /** Stops sandboxes idle for longer than the configured time. Returns the chat ids stopped. */
  async stopIdle(now = Date.now()): Promise<string[]> {
    const stopped: string[] = [];
    for (const sandbox of this.sandboxes.values()) {
      if (sandbox.currentState !== "running" || sandbox.idleFor(now) < this.config.idleStopMs) continue;
      await sandbox.stop({ ifLastActiveAt: sandbox.lastActiveAt }).catch((error) => console.error(`idle stop of ${sandbox.chatId}:`, error));
      if (sandbox.info().state === "stopped") stopped.push(sandbox.chatId);
    }
    return stopped;
  }

  /** Removes sandboxes (containers and storage) whose chat no longer exists. Returns their chat ids. */
  async reap(): Promise<string[]> {
    const reaped = new Set<string>();
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABEL_MANAGED}=1`, `${LABEL_INSTANCE}=${this.config.instance}`] },
    });
    const chatIds = new Set(containers.map((c) => c.Labels[LABEL_CHAT]).filter((id): id is string => !!id));
    // Storage left behind without a container (a crash between the two) is reaped the same way.
    const storageRoot = path.join(this.config.dataDir, "sandboxes");
    for (const key of await readdir(storageRoot).catch(() => [] as string[])) {
      const chatId = await readFile(path.join(storageRoot, key, "chat-id"), "utf8").catch(() => null);
      if (chatId && this.key(chatId) === key) chatIds.add(chatId);
    }
    for (const chatId of chatIds) {
      if (this.creating.has(chatId) || (await this.chatExists(chatId))) continue;
      await this.delete(chatId);
      reaped.add(chatId);
    }
    return [...reaped];
  }

  private async sweep(): Promise<void> {
    try {
      await this.stopIdle();
      await this.reap();
    } catch (error) {
      console.error("sandbox sweep failed:", error);
    }
  }

  async health(): Promise<SandboxHealth> {
    const problems: string[] = [];
    const health: SandboxHealth = {
      ok: false,
      docker: { reachable: false },
      image: { tag: "", present: false, building: this.building !== null },
      network: { name: this.config.networkName, present: false, internal: false, interSandboxTraffic: true },
      firewall: this.firewall ?? (await firewallState(this.config)),
      sandboxes: { running: 0, stopped: 0 },
      problems,
    };
    try {
      health.image.tag = this.imageTag;
    } catch (error) {
      health.image.error = (error as Error).message;
    }
    try {
      const info = await engineInfo(this.docker);
      health.docker = { reachable: true, ...info };
    } catch (error) {
      health.docker.error = (error as Error).message;
      problems.push(health.docker.error);
    }
    if (health.docker.reachable) {
      if (health.image.tag) health.image.present = await imageExists(this.docker, health.image.tag);
      if (!health.image.present) {
        problems.push(
          health.image.building
            ? `The sandbox image ${health.image.tag} is being built.`
            : `The sandbox image ${health.image.tag} is missing: run \`npm run sandbox:build\`.${this.buildError ? ` The last build failed: ${this.buildError}` : ""}`,
        );
      }
      try {
        const net = await this.docker.getNetwork(this.config.networkName).inspect();
        health.network = {
          name: this.config.networkName,
          present: true,
          internal: !!net.Internal,
          interSandboxTraffic: net.Options?.["com.docker.network.bridge.enable_icc"] !== "false",
        };
      } catch {
        problems.push(`The sandbox network ${this.config.networkName} does not exist yet (it is created when the app starts).`);
      }
      const containers = await this.docker.listContainers({
        all: true,
        filters: { label: [`${LABEL_MANAGED}=1`, `${LABEL_INSTANCE}=${this.config.instance}`] },
      });
      for (const c of containers) health.sandboxes[c.State === "running" ? "running" : "stopped"]++;
    }
    if (!health.firewall.enforced) problems.push(health.firewall.detail);
    health.ok = problems.length === 0;
    return health;
  }

  /** Stops the sweep; sandboxes keep running and are re-adopted by the next start. */
  close(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.started = null;
  }
}
