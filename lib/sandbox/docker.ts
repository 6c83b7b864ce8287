// The Docker engine connection: one client per process and a reachability check whose failure
// tells the person what to install. Everything else talks to Docker through this client.
import Docker from "dockerode";
import { DOCKER_FIX, SandboxError } from "./errors";

let shared: Docker | undefined;

/** The engine named by DOCKER_HOST, else the local socket. */
export function dockerClient(): Docker {
  shared ??= new Docker();
  return shared;
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
}

export async function engineInfo(docker: Docker): Promise<EngineInfo> {
  try {
    const v = await docker.version();
    return { version: v.Version, apiVersion: v.ApiVersion };
  } catch (cause) {
    const where = process.env.DOCKER_HOST || "/var/run/docker.sock";
    throw new SandboxError(
      "unavailable:docker",
      `The Docker engine at ${where} is not reachable (${(cause as Error).message}). ${DOCKER_FIX}`,
      { cause },
    );
  }
}

/** Docker's 404 as a boolean, so callers can tell "absent" from "broken". */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number })?.statusCode === 404;
}

export function isConflict(error: unknown): boolean {
  return (error as { statusCode?: number })?.statusCode === 409;
}
