// Lets the Node faces (CLI, simulator, server, start script) run from TypeScript sources without a
// separate build step, so `npm ci && npm start` needs nothing else.
require("tsx/cjs/api").register();
