// The Prisma client (SQLite through better-sqlite3 by default), one per process.
import { appConfig } from "./config";
import { PrismaClient } from "./generated/prisma/client";
import { createSqliteAdapterFactory } from "./sqlite-adapter";

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: createSqliteAdapterFactory(appConfig().DATABASE_URL) });
}

const store = globalThis as { __caissonPrisma?: PrismaClient };

export function db(): PrismaClient {
  store.__caissonPrisma ??= createClient();
  return store.__caissonPrisma;
}
