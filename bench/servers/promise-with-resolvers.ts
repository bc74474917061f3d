/**
 * PostGraphile 5 (grafast, @dataplan/pg) declares Node ≥ 22 and calls `Promise.withResolvers`, which
 * Node 20 lacks; without it every query silently resolves to nothing. This is the standard
 * three-line polyfill, installed only in the PostGraphile process of the benchmark, so that the peer
 * runs on the same Node as our server. Imported before anything else there.
 */
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== "function") {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
export {};
