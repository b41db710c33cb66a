#!/usr/bin/env node
// The `guanxi` command, from the build in dist/ (`npm run build`). In development: npx tsx server/cli.ts
let cli;
try {
  cli = await import('../dist/server/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/server/cli.js')) throw error;
  process.stderr.write('guanxi: not built yet: run `npm run build` (or, in development, `npx tsx server/cli.ts`)\n');
  process.exit(1);
}
await cli.runCli(process.argv);
