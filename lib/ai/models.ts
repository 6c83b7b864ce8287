// The model registry: the providers configured in the environment, and the built-in offline model,
// which is the default when no provider is configured. Model ids are "provider:model".
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { appConfig } from "../config";
import { AppError } from "../errors";
import { OFFLINE_MODEL_ID, createOfflineModel } from "./offline/model";

export interface ModelOption {
  id: string;
  label: string;
  provider: "openai" | "anthropic" | "compatible" | "offline";
  /** True for the built-in offline model (the UI labels it). */
  offline: boolean;
}

export const OFFLINE_ID = `offline:${OFFLINE_MODEL_ID}`;

export function availableModels(): ModelOption[] {
  const c = appConfig();
  const models: ModelOption[] = [];
  if (c.OPENAI_API_KEY) {
    for (const m of c.OPENAI_MODELS.length ? c.OPENAI_MODELS : ["gpt-5-mini", "gpt-5"]) {
      models.push({ id: `openai:${m}`, label: `OpenAI ${m}`, provider: "openai", offline: false });
    }
  }
  if (c.ANTHROPIC_API_KEY) {
    for (const m of c.ANTHROPIC_MODELS.length ? c.ANTHROPIC_MODELS : ["claude-sonnet-4-5", "claude-haiku-4-5"]) {
      models.push({ id: `anthropic:${m}`, label: `Anthropic ${m}`, provider: "anthropic", offline: false });
    }
  }
  if (c.OPENAI_COMPATIBLE_BASE_URL) {
    for (const m of c.OPENAI_COMPATIBLE_MODELS) {
      models.push({ id: `compatible:${m}`, label: `${c.OPENAI_COMPATIBLE_NAME} ${m}`, provider: "compatible", offline: false });
    }
  }
  models.push({ id: OFFLINE_ID, label: "Offline model (runs your code blocks, no AI)", provider: "offline", offline: true });
  return models;
}

/** The configured default, else the first real provider's first model, else the offline model. */
export function defaultModelId(): string {
  const models = availableModels();
  const wanted = appConfig().CAISSON_DEFAULT_MODEL;
  if (wanted && models.some((m) => m.id === wanted)) return wanted;
  return models[0]!.id;
}

export function isAvailableModel(id: string): boolean {
  return availableModels().some((m) => m.id === id);
}

export function languageModel(id: string): LanguageModel {
  const c = appConfig();
  const [provider, ...rest] = id.split(":");
  const name = rest.join(":");
  if (!isAvailableModel(id)) throw new AppError("bad_request:model", `The model ${id} is not configured on this server.`);
  switch (provider) {
    case "openai":
      return createOpenAI({ apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL || undefined }).chat(name);
    case "anthropic":
      return createAnthropic({ apiKey: c.ANTHROPIC_API_KEY, baseURL: c.ANTHROPIC_BASE_URL || undefined })(name);
    case "compatible":
      return createOpenAICompatible({
        name: "compatible",
        baseURL: c.OPENAI_COMPATIBLE_BASE_URL,
        apiKey: c.OPENAI_COMPATIBLE_API_KEY || undefined,
        includeUsage: true,
      }).chatModel(name);
    default:
      return createOfflineModel();
  }
}
