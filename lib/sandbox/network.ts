// The sandboxes' network: an internal Docker bridge (no route out, no traffic between sandboxes)
// plus the host firewall rule that an internal network lacks. Never open anything but the
// package gateway's port to sandboxes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type Docker from "dockerode";
import type { SandboxConfig } from "./config";
import { isConflict, isNotFound } from "./docker";

const execFileAsync = promisify(execFile);

export async function ensureNetwork(docker: Docker, config: SandboxConfig): Promise<void> {
  try {
    const info = await docker.getNetwork(config.networkName).inspect();
    const icc = info.Options?.["com.docker.network.bridge.enable_icc"];
    if (!info.Internal || icc !== "false") {
      throw new Error(
        `Docker network ${config.networkName} exists but is not internal with inter-container traffic off; remove it (docker network rm ${config.networkName}) and restart.`,
      );
    }
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await docker.createNetwork({
      Name: config.networkName,
      Driver: "bridge",
      Internal: true,
      CheckDuplicate: true,
      Options: {
        "com.docker.network.bridge.enable_icc": "false",
        "com.docker.network.bridge.name": config.bridgeName,
      },
      Labels: { "caisson.network": "sandboxes" },
    });
  } catch (error) {
    if (!isConflict(error)) throw error; // another process created it first
  }
}

export interface FirewallState {
  /** True when traffic from the sandbox bridge to the host is dropped. */
  enforced: boolean;
  detail: string;
}

type Rule = string[];

function rules(config: SandboxConfig): Rule[] {
  const drop = ["INPUT", "-i", config.bridgeName, "-j", "DROP", "-m", "comment", "--comment", "caisson: sandboxes reach no host port"];
  if (!config.gatewayPort) return [drop];
  const gateway = ["INPUT", "-i", config.bridgeName, "-p", "tcp", "--dport", String(config.gatewayPort), "-j", "ACCEPT", "-m", "comment", "--comment", "caisson: package gateway"];
  // Inserted in this order at position 1, so the ACCEPT ends up above the DROP.
  return [drop, gateway];
}

async function iptables(binary: string, args: string[]): Promise<boolean> {
  try {
    await execFileAsync(binary, ["-w", ...args]);
    return true;
  } catch {
    return false;
  }
}

async function hasRules(binary: string, config: SandboxConfig): Promise<boolean> {
  for (const rule of rules(config)) if (!(await iptables(binary, ["-C", ...rule]))) return false;
  return true;
}

/**
 * Makes sure the host drops traffic from the sandbox bridge (apart from the gateway port).
 * Applies the rules when they are missing and the app is root.
 */
export async function ensureFirewall(config: SandboxConfig): Promise<FirewallState> {
  const state = await firewallState(config);
  if (state.enforced || process.getuid?.() !== 0) return state;
  for (const rule of rules(config)) {
    if (await iptables("iptables", ["-C", ...rule])) continue;
    const [chain, ...spec] = rule;
    if (!(await iptables("iptables", ["-I", chain!, "1", ...spec]))) break;
  }
  // IPv6 is off on the sandbox network; the same rule still closes it should it be turned on.
  for (const rule of rules(config)) {
    if (await iptables("ip6tables", ["-C", ...rule])) continue;
    const [chain, ...spec] = rule;
    await iptables("ip6tables", ["-I", chain!, "1", ...spec]);
  }
  return firewallState(config);
}

export async function firewallState(config: SandboxConfig): Promise<FirewallState> {
  if (await hasRules("iptables", config)) {
    return { enforced: true, detail: `iptables drops traffic from ${config.bridgeName} to the host${config.gatewayPort ? ` except TCP ${config.gatewayPort} (package gateway)` : ""}` };
  }
  const why = process.getuid?.() !== 0 ? "the app is not root, so it cannot add the iptables rule" : "the iptables rule is missing and could not be added";
  return { enforced: false, detail: `host reachable from sandboxes: ${why} (iptables -I INPUT -i ${config.bridgeName} -j DROP)` };
}
