/**
 * Polls `check` until it neither throws nor returns false, and returns what it returned; after
 * `timeoutMs`, fails with its last error. For what happens on its own time (a changes feed),
 * instead of sleeping for a fixed while.
 */
export async function expectEventually<T>(check: () => T | Promise<T>, { timeoutMs = 5000, intervalMs = 5 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const result = await check();
      if (result !== false) return result;
      failure = new Error('the check returned false');
    } catch (error) {
      failure = error;
    }
    if (Date.now() >= deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
