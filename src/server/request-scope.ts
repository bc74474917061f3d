import { AsyncLocalStorage } from "node:async_hooks";

/** What the server knows about the request it is answering, wherever in the call tree it is asked. */
export interface RequestScope {
  /** The id sent back in `x-request-id` and quoted in masked error messages and logs. */
  readonly requestId: string;
  /** Whether the response should carry debugging extensions (`x-inovasi-debug: 1`). */
  readonly debug: boolean;
}

// Apollo's formatError receives no context, so the request id reaches it through async context instead.
const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being answered, or undefined outside one. */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
