import { errorResponse } from "@/lib/errors";
import { sandboxManager } from "@/lib/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The languages of the sandbox image, with their versions (read from the image once). */
export async function GET(): Promise<Response> {
  try {
    return Response.json({ image: sandboxManager().imageTag, languages: await sandboxManager().languages() });
  } catch (error) {
    return errorResponse(error);
  }
}
