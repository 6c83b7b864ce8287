// Runs once when the server starts: brings up the sandbox side (network, firewall, re-adoption)
// so problems are logged at start-up, not at the first chat.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/runtime");
    await boot();
  }
}
