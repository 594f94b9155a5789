/**
 * The server process: settings from `OMSPAN_*` environment variables, prints its URL, and closes
 * cleanly on SIGINT/SIGTERM (so `npm stop` and Ctrl+C leave no socket behind). A bad setting exits
 * with code 2 and a message naming the variable. Run through tsx (see bin/register-ts.js), with the
 * flags of node-flags.ts's SERVER_NODE_FLAGS on the node command line for the smallest memory.
 */
import { applyRuntimeV8Flags } from "./node-flags";
import { ConfigError, loadServerConfig } from "./config";
import { OWN_CERT_DIR } from "./dev-certs";
import { startServer } from "./index";

applyRuntimeV8Flags();

async function main(): Promise<void> {
  let config;
  try {
    config = loadServerConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`omspan server: bad setting ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const server = await startServer(config);
  const tls = config.plainHttp ? "plain http" : config.tlsCert ? `certificate ${config.tlsCert}` : `development certificate (CA in ${OWN_CERT_DIR} unless ~/.office-addin-dev-certs has one)`;
  process.stdout.write(`OMSPAN server listening on ${server.url} (${tls}), forwarding /omspan/ to ${config.upstream}\n`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`OMSPAN server: ${signal}, closing\n`);
    // A stuck stream must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`omspan server: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
