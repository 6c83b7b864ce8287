// `npm run sandbox:build`: builds the sandbox image unless its content-hash tag exists.
import { sandboxConfigFromEnv } from "../lib/sandbox/config";
import { dockerClient, engineInfo } from "../lib/sandbox/docker";
import { buildSandboxImage } from "../lib/sandbox/image";

const docker = dockerClient();
await engineInfo(docker);
const config = sandboxConfigFromEnv();
const tag = await buildSandboxImage(docker, { variant: config.variant, mirror: config.aptMirror });
console.log(`sandbox image ready: ${tag}`);
