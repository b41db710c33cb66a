// The server's entry point: `npm start` (dist/server/start.js), `npm run dev` (tsx server/start.ts).
import { runServer } from './run-server.js';

await runServer();
