import { availableModels, defaultModelId } from "@/lib/ai/models";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The models this server is configured for (only those), and the default. */
export async function GET(): Promise<Response> {
  return Response.json({ models: availableModels(), defaultModel: defaultModelId() });
}
