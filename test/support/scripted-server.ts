/** A loopback HTTP server that answers each request from a script, recording what it was asked. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
  /** Destroy the socket after writing this many bytes of the body. */
  dropAfter?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export interface ScriptedServer {
  baseUrl: string;
  requests: { url: string; authorization?: string; cacheControl?: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startScriptedServer(answer: (url: string, n: number) => Answer): Promise<ScriptedServer> {
  const requests: ScriptedServer["requests"] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? "", authorization: req.headers.authorization, cacheControl: req.headers["cache-control"], headers: req.headers });
    const a = answer(req.url ?? "", requests.length);
    if (a.hang) return;
    res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers });
    if (a.dropAfter !== undefined) {
      res.write(a.body.slice(0, a.dropAfter));
      setTimeout(() => res.destroy(), 5);
      return;
    }
    res.end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/spanint/data/DataWebService/`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
