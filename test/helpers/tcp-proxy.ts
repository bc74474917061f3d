import net from "node:net";

/**
 * How a paused proxy treats new connections:
 * - `reset`: accepts and closes them at once (the server process died; the client sees the
 *   connection end before the handshake completes);
 * - `refuse`: stops listening, so connecting fails with ECONNREFUSED (nothing on the port);
 * - `blackhole`: accepts them and never answers (a network partition; only the client's connect
 *   timeout ends the wait).
 */
export type OutageMode = "reset" | "refuse" | "blackhole";

/** A TCP proxy on 127.0.0.1 in front of a database, which a test can cut off and restore. */
export interface TcpProxy {
  /** The target URL with host and port replaced by the proxy's. */
  readonly url: string;
  readonly port: number;
  /** Connections forwarded so far (accepted while not paused). */
  readonly forwardedConnections: number;
  /** Destroys every open connection, then treats new ones as `mode` says. */
  pause(mode?: OutageMode): Promise<void>;
  /** Forwards new connections again. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy that forwards 127.0.0.1:<random port> to the host and port of `targetUrl`. */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  const open = new Set<net.Socket>();
  let mode: OutageMode | null = null;
  let forwarded = 0;

  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    // A reset mid-stream is the point of the exercise, not a failure of the proxy.
    socket.on("error", () => socket.destroy());
  };

  const server = net.createServer((client) => {
    track(client);
    if (mode === "reset") {
      client.destroy();
      return;
    }
    if (mode === "blackhole") return;
    forwarded += 1;
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    get forwardedConnections() {
      return forwarded;
    },
    async pause(outage = "reset") {
      if (mode === "refuse" && outage !== "refuse") await listen(port);
      const wasListening = mode !== "refuse";
      mode = outage;
      for (const socket of open) socket.destroy();
      if (outage === "refuse" && wasListening) {
        // server.close() waits for open connections, which were just destroyed.
        await stopListening();
      }
    },
    async resume() {
      for (const socket of open) socket.destroy();
      if (mode === "refuse") await listen(port);
      mode = null;
    },
    async close() {
      for (const socket of open) socket.destroy();
      if (mode !== "refuse") await stopListening();
    },
  };
}
