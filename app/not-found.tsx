import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex h-dvh flex-col items-center justify-center gap-3 text-zinc-300">
      <div className="text-lg font-medium">This chat does not exist (any more).</div>
      <Link href="/" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-600">
        Start a new chat
      </Link>
    </div>
  );
}
