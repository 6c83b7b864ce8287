// `npm run sandbox:build`: builds the sandbox image unless its content-hash tag exists.
import { dockerClient, engineInfo } from "../lib/sandbox/docker";
import { buildSandboxImage } from "../lib/sandbox/image";

const docker = dockerClient();
await engineInfo(docker);
const tag = await buildSandboxImage(docker, { mirror: process.env.CAISSON_APT_MIRROR });
console.log(`sandbox image ready: ${tag}`);
