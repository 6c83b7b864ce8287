// Fails the whole run, loudly and with the fix, when the Docker engine or the sandbox image is
// missing: tests never skip because the machine is not ready.
import { sandboxConfigFromEnv } from "../lib/sandbox/config";
import { dockerClient, engineInfo } from "../lib/sandbox/docker";
import { imageExists, sandboxImageTag } from "../lib/sandbox/image";

export default async function setup(): Promise<void> {
  const docker = dockerClient();
  await engineInfo(docker); // throws with the install instructions
  const tag = sandboxImageTag(sandboxConfigFromEnv().variant);
  if (!(await imageExists(docker, tag))) {
    throw new Error(`The sandbox image ${tag} is missing. Run the tests with \`npm test\` (it builds it), or run \`npm run sandbox:build\` first.`);
  }
}
