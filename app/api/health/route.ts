import { db } from "@/lib/db";
import { sandboxManager } from "@/lib/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Database, Docker engine, image, network/firewall and sandbox counts, with what to fix. */
export async function GET(): Promise<Response> {
  let database: { ok: boolean; error?: string };
  try {
    await db().$queryRawUnsafe("SELECT 1");
    database = { ok: true };
  } catch (error) {
    database = { ok: false, error: `The database is not reachable: ${(error as Error).message}` };
  }
  const sandbox = await sandboxManager().health();
  const problems = [...(database.error ? [database.error] : []), ...sandbox.problems];
  return Response.json({ ...sandbox, ok: problems.length === 0, database, problems }, { headers: { "cache-control": "no-store" } });
}
