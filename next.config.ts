import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and Docker-socket packages stay outside the bundle (loaded from node_modules at run time).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "dockerode", "docker-modem", "ssh2", "cpu-features", "tar-stream"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
