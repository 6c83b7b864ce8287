// Provider failures as sentences a person can act on (bad key, rate limit, unknown model, no network).
import { APICallError, RetryError } from "ai";

export function describeProviderError(error: unknown): string {
  let e = error;
  if (RetryError.isInstance(e)) e = e.lastError;
  if (APICallError.isInstance(e)) {
    const status = e.statusCode;
    const detail = e.message.replace(/\s+/g, " ").slice(0, 300).replace(/\.+$/, "");
    if (status === 401 || status === 403) return `The model provider rejected the API key (HTTP ${status}): ${detail}. Check the key in the server's environment.`;
    if (status === 429) return `The model provider is rate-limiting requests (HTTP 429): ${detail}. Wait a moment and retry.`;
    if (status === 404) return `The model provider does not know this model (HTTP 404): ${detail}. Pick another model or fix the model list.`;
    if (status && status >= 500) return `The model provider failed (HTTP ${status}): ${detail}. Retry in a moment.`;
    if (!status) return `Could not reach the model provider at ${e.url}: ${detail}.`;
    return `The model provider answered HTTP ${status}: ${detail}`;
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|network/i.test(message)) return `Could not reach the model provider: ${message}.`;
  return `The model failed: ${message}`;
}
