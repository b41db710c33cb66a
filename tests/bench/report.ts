/** Prints one figure in the form runs are compared by: `bench: <name> = <value> <unit>`, and its target after it when it has one. */
export function report(name: string, value: number, unit: string, target?: string): void {
  const shown = Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
  console.log(`bench: ${name} = ${shown} ${unit}${target ? ` (target ${target})` : ''}`);
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
