// The server's entry point: `npm start` (dist/server/start.js), `npm run dev` (tsx server/start.ts);
// `npm start -- --demo` also loads the demo company.
import { runServer } from './run-server.js';

await runServer({}, { demo: process.argv.slice(2).includes('--demo') });
