/**
 * A loopback forwarder that counts the requests a client makes upstream, per route — so a test can
 * see that `omspan refresh a.xlsx b.xlsx` pulled each dataset once for all the files. It forwards to one
 * upstream (the simulator) and nothing else.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RequestCounter {
  readonly baseUrl: string;
  /** Request paths seen, relative to the DataWebService base (`RealisasiKL/1/5000`). */
  readonly paths: string[];
  close(): Promise<void>;
}

export async function countRequests(upstreamBase: string): Promise<RequestCounter> {
  const upstream = new URL(upstreamBase);
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const rel = (req.url ?? "").slice(upstream.pathname.length);
    paths.push(rel);
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
