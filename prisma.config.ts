// Prisma CLI configuration: the JS engine with the better-sqlite3 adapter, so migrations work with
// no download from binaries.prisma.sh. Prisma reads no .env when this file exists.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createSqliteAdapterFactory } from "./lib/sqlite-adapter";

process.env.DATABASE_URL ??= "file:./.caisson/caisson.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => createSqliteAdapterFactory(process.env.DATABASE_URL!),
});
