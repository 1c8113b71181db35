/**
 * Raw API requests with client-node's authentication (certs, tokens, exec plugins), for
 * the paths its generated clients make awkward: paginated lists of any kind, and watches
 * whose resourceVersion we track ourselves. Errors are thrown in client-node's shape
 * ({code, body}) so classifyKubeError treats them alike. With the SharedAgentKubeConfig of
 * kubeConfigFor, every request of one context rides one keep-alive connection pool.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fetch } from 'undici';
import type { KubeConfig } from '@kubernetes/client-node';
import { RequestContext, HttpMethod } from '@kubernetes/client-node';
import { ListSplitter, type ListHead } from './list-splitter';

export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
  }
}

async function request(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  init: { method?: string; body?: string; contentType?: string; signal?: AbortSignal } = {},
) {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the context has no cluster server');
  const url = new URL(server.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  const ctx = new RequestContext(url.toString(), (init.method ?? 'GET') as HttpMethod);
  await kc.applySecurityAuthentication(ctx);
  // Authentication can take a while (an exec plugin): a call cancelled meanwhile is not sent.
  init.signal?.throwIfAborted();
  const headers: Record<string, string> = { ...ctx.getHeaders(), accept: 'application/json' };
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    dispatcher: ctx.getDispatcher(),
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (!response.ok) throw new HttpError(response.status, await response.text().catch(() => ''));
  return response;
}

/** GET (or another verb) returning parsed JSON. */
export async function kubeJson<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined> = {},
  init: { method?: string; body?: string; contentType?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await request(kc, path, query, init);
  return (await response.json()) as T;
}

/**
 * A collection streamed: each item is parsed and handed to `onItem` as its bytes arrive
 * (list-splitter.ts), so neither the body nor a whole page is ever held as text or as one
 * object graph. Resolves with the list's metadata once the body is complete.
 */
export async function kubeListStream(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  onItem: (item: unknown) => void,
  signal: AbortSignal,
): Promise<ListHead> {
  const response = await request(kc, path, query, { signal });
  const splitter = new ListSplitter((json) => onItem(JSON.parse(json)));
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        splitter.push(value);
      }
    } finally {
      // A list that fails half-way (a bad item, a throwing callback) frees its connection.
      await reader.cancel().catch(() => undefined);
    }
  }
  splitter.end();
  return splitter.head ?? {};
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

/**
 * Streams the response body line by line (a watch, a followed log). Ends when the server
 * closes the stream; throws HttpError before the first line if the request is refused.
 */
export async function* kubeLines(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  signal: AbortSignal,
): AsyncGenerator<string> {
  const response = await request(kc, path, query, { signal });
  if (!response.body) return;
  const input = Readable.fromWeb(response.body as WebReadableStream);
  try {
    yield* createInterface({ input, crlfDelay: Infinity });
  } finally {
    // A reader that stops early (an error event, a throwing callback) must not leave the
    // body unread: it would hold its pooled connection until garbage collection.
    input.destroy();
  }
}

/**
 * Streams the response body as it arrives, in the transport's chunks, for a reader that
 * splits it itself with a bound (a followed log: main/logs/line-splitter.ts), where
 * kubeLines would hold a whole line however long the workload made it.
 */
export async function* kubeChunks(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const response = await request(kc, path, query, { signal });
  if (!response.body) return;
  // The web stream itself: one less stream layer per chunk than kubeLines' Readable.
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // An early stop (an error, a stopped session) must not hold the pooled connection.
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Opens a watch and calls `onEvent` for each event line. Resolves when the server closes
 * the stream (normal after timeoutSeconds), rejects on transport errors.
 */
export async function kubeWatch(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  onEvent: (event: WatchEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  for await (const line of kubeLines(kc, path, { ...query, watch: '1' }, signal)) {
    if (line) onEvent(JSON.parse(line) as WatchEvent);
  }
}

/**
 * The calls a list+watch makes, as a seam: production goes to the API server through
 * the functions above; unit tests script the server's answers.
 */
export interface ApiTransport {
  list<T>(path: string, query: Record<string, string | undefined>, signal: AbortSignal): Promise<T>;
  /** A collection whose items are handed over one by one as they arrive (kubeListStream). */
  listItems(
    path: string,
    query: Record<string, string | undefined>,
    onItem: (item: unknown) => void,
    signal: AbortSignal,
  ): Promise<ListHead>;
  watch(
    path: string,
    query: Record<string, string | undefined>,
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

/** The API server of a context; the config is looked up per request (it can be replaced). */
export function kubeTransport(kubeConfig: () => KubeConfig): ApiTransport {
  return {
    list: (path, query, signal) => kubeJson(kubeConfig(), path, query, { signal }),
    listItems: (path, query, onItem, signal) =>
      kubeListStream(kubeConfig(), path, query, onItem, signal),
    watch: (path, query, onEvent, signal) => kubeWatch(kubeConfig(), path, query, onEvent, signal),
  };
}
