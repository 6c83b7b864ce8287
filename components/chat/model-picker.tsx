"use client";

export interface ModelChoice {
  id: string;
  label: string;
  offline: boolean;
}

/** Lists only the models this server is configured for; the offline model says what it is. */
export function ModelPicker({ models, value, onChange }: { models: ModelChoice[]; value: string; onChange: (id: string) => void }) {
  const current = models.find((m) => m.id === value);
  return (
    <label className="flex min-w-0 items-center gap-1.5">
      <span className="sr-only">Model</span>
      <select
        data-testid="model-picker"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-w-0 max-w-[16rem] truncate rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-xs text-zinc-200"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      {current?.offline && (
        <span data-testid="offline-badge" className="shrink-0 rounded border border-amber-700 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-300">
          offline
        </span>
      )}
    </label>
  );
}
