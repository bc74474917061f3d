import net from "node:net";

/**
 * A loopback port that nothing listens on (it was free a moment ago): a real server that is down,
 * for tests of what happens when Meilisearch or a database cannot be reached. Nothing is faked.
 */
export async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
