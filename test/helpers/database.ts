// A fresh SQLite database for a test file: a temporary file, migrated with the real Prisma CLI.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export async function freshDatabase(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caisson-db-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await promisify(execFile)("npx", ["--no-install", "prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
  process.env.DATABASE_URL = url;
  return url;
}
