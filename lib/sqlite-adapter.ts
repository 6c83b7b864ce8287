// Thin wrapper around @prisma/adapter-better-sqlite3 for Prisma 6.19 on its JS engine.
// Prisma's schema engine (migrate dev / shadow DB / db push) sends whole
// multi-statement migration scripts through executeRaw(); better-sqlite3's
// prepare() rejects more than one statement ("The supplied SQL string contains
// more than one statement") and comment-only SQL (an empty migration).
// Route such argument-less SQL to executeScript() (better-sqlite3 exec()).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";

/** true when the SQL is several statements, or only comments/whitespace. */
function needsExec(sql: string): boolean {
  // strip -- and /* */ comments, then look for a ';' followed by more SQL
  const body = sql
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/--[^\n]*/g, "")
    .trim()
    .replace(/;+\s*$/, "");
  return body === "" || body.includes(";");
}

function patch(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && needsExec(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/**
 * `file:./x.db` is resolved by the adapter against process.cwd() (NOT against
 * the schema file as the classic engine did). We resolve it to an absolute
 * path explicitly and create the parent directory (better-sqlite3 won't, and
 * the CLI then only prints "Error: External error id#0").
 */
export function resolveSqliteUrl(url: string): string {
  const p = url.replace(/^file:/, "");
  if (p === ":memory:") return p;
  const abs = path.resolve(/*turbopackIgnore: true*/ process.cwd(), p);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  return abs;
}

export function createSqliteAdapterFactory(
  url: string,
): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url: resolveSqliteUrl(url) });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patch(await inner.connect()),
    connectToShadowDb: async () => patch(await inner.connectToShadowDb()),
  };
}
