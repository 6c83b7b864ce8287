// Small helpers for route handlers: read a JSON body against a schema, answering 400 with the reason.
import type { z } from "zod";
import { AppError } from "./errors";

export async function parseJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch (error) {
    throw new AppError("bad_request:json", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    throw new AppError("bad_request:body", `The request body is invalid: ${reasons.join("; ")}`);
  }
  return parsed.data;
}
