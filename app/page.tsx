import { StartApp } from "@/components/start-app";
import { availableModels, defaultModelId } from "@/lib/ai/models";
import { listChats } from "@/lib/chats/store";

export const dynamic = "force-dynamic";

export default async function Home() {
  return <StartApp chats={await listChats()} models={availableModels()} defaultModel={defaultModelId()} />;
}
