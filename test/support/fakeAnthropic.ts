// A fake Anthropic Messages API on 127.0.0.1 for tests and benches: `POST /v1/messages` (JSON and SSE
// streaming with the real event sequence), `POST /v1/messages/count_tokens`, the API's error shape,
// dropped connections and hung requests. Answers come from one-shot scripted behaviours, else the responder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultResponder,
  fakeInputTokens,
  fakeTokenCount,
  type FakeBehaviour,
  type FakeMessagesBody,
  type FakeRequest,
  type FakeResponder,
  type FakeUsage,
} from './fakeAnthropicBehaviours';

export * from './fakeAnthropicBehaviours';

export interface FakeAnthropicOptions {
  /** Delay before every answer (a behaviour's own `latencyMs` replaces it). */
  latencyMs?: number;
  respond?: FakeResponder;
  /** When set, requests with another key (`x-api-key` or `Authorization: Bearer`) get the API's 401. */
  apiKey?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
}

export interface FakeAnthropic {
  /** Base URL for the SDK's `baseURL`, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Every request received, in order of arrival. */
  requests: FakeRequest[];
  /** Queue one-shot behaviours for the next `/v1/messages` calls (used before the responder). */
  script(...behaviours: FakeBehaviour[]): void;
  /** Queue one-shot behaviours for the next `count_tokens` calls: errors, resets, hangs (an `answer` is ignored: counts are computed). */
  scriptCountTokens(...behaviours: FakeBehaviour[]): void;
  setResponder(respond: FakeResponder): void;
  /** `/v1/messages` requests only. */
  messageRequests(): FakeRequest[];
  close(): Promise<void>;
}

const HIDDEN_HEADERS = new Set(['x-api-key', 'authorization']);

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: FakeRequest[] = [];
  const queue: FakeBehaviour[] = [];
  const countQueue: FakeBehaviour[] = [];
  let respond: FakeResponder = options.respond ?? defaultResponder;
  let messageCounter = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, { kind: 'error', status: 500, errorType: 'api_error', message: `fake server: ${String(error)}` });
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HIDDEN_HEADERS.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: FakeMessagesBody;
    try {
      body = raw ? (JSON.parse(raw) as FakeMessagesBody) : ({ model: '', messages: [] } as FakeMessagesBody);
    } catch {
      return sendError(res, { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'The request body is not valid JSON.' });
    }
    const record: FakeRequest = { index: requests.length, method: req.method ?? 'GET', path, headers, body, receivedAt: Date.now() };
    requests.push(record);

    if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
      return sendError(res, { kind: 'error', status: 404, errorType: 'not_found_error', message: `Not found: ${req.method} ${path}` });
    }
    const key = apiKeyOf(req);
    if (!key) {
      return sendError(res, { kind: 'error', status: 401, errorType: 'authentication_error', message: 'x-api-key or Authorization header is required' });
    }
    if (options.apiKey !== undefined && key !== options.apiKey) {
      return sendError(res, { kind: 'error', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' });
    }
    if (!Array.isArray(body.messages) || typeof body.model !== 'string' || body.model === '') {
      return sendError(res, { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'model: Field required; messages: Field required' });
    }

    if (path === '/v1/messages/count_tokens') {
      const behaviour = countQueue.shift();
      if (behaviour && behaviour.kind !== 'answer') return serve(behaviour, res, body);
      return delayed(options.latencyMs, res, () => sendJson(res, 200, { input_tokens: fakeInputTokens(body) }));
    }

    if (typeof body.max_tokens !== 'number' || body.max_tokens < 1) {
      return sendError(res, { kind: 'error', status: 400, errorType: 'invalid_request_error', message: 'max_tokens: Field required' });
    }
    const behaviour = queue.shift() ?? (await respond(record));
    return serve(behaviour, res, body);
  }

  function serve(behaviour: FakeBehaviour, res: ServerResponse, body: FakeMessagesBody): void {
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'error':
        return delayed(behaviour.latencyMs ?? options.latencyMs, res, () => sendError(res, behaviour));
      case 'reset':
        if (behaviour.beforeResponse) return delayed(behaviour.latencyMs ?? options.latencyMs, res, () => res.socket?.destroy());
        return delayed(behaviour.latencyMs ?? options.latencyMs, res, () => sendAnswer(res, body, { kind: 'answer', text: 'This answer is cut off by a dropped connection.' }, behaviour.afterDeltas ?? 1));
      case 'answer':
        return delayed(behaviour.latencyMs ?? options.latencyMs, res, () => sendAnswer(res, body, behaviour));
    }
  }

  function sendAnswer(res: ServerResponse, body: FakeMessagesBody, behaviour: Extract<FakeBehaviour, { kind: 'answer' }>, resetAfterDeltas?: number): void {
    const id = `msg_fake_${String(++messageCounter).padStart(6, '0')}`;
    const { text, stopReason, stopSequence } = applyLimits(body, behaviour);
    const outputTokens = fakeTokenCount(text);
    const usage: FakeUsage = {
      input_tokens: fakeInputTokens(body),
      output_tokens: outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...behaviour.usage,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0, ...behaviour.usage?.cache_creation },
    };
    if (behaviour.usage?.cache_creation && behaviour.usage.cache_creation_input_tokens === undefined) {
      usage.cache_creation_input_tokens = usage.cache_creation.ephemeral_5m_input_tokens + usage.cache_creation.ephemeral_1h_input_tokens;
    }
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model: behaviour.model ?? body.model,
      content: [{ type: 'text', text }],
      stop_reason: stopReason,
      stop_sequence: stopSequence,
      usage: { ...usage, service_tier: 'standard' },
    };
    if (body.stream) {
      streamAnswer(res, message, usage, behaviour, resetAfterDeltas);
    } else if (resetAfterDeltas !== undefined) {
      const json = JSON.stringify(message);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'request-id': requestId(id) });
      res.write(json.slice(0, json.length >> 1), () => res.socket?.destroy());
    } else {
      sendJson(res, 200, message, { 'request-id': requestId(id) });
    }
  }

  function streamAnswer(
    res: ServerResponse,
    message: { id: string; content: { type: string; text: string }[]; stop_reason: string; stop_sequence: string | null; [k: string]: unknown },
    usage: FakeUsage,
    behaviour: Extract<FakeBehaviour, { kind: 'answer' }>,
    resetAfterDeltas?: number,
  ): void {
    const text = message.content[0].text;
    const size = Math.max(1, behaviour.chunkChars ?? 16);
    const deltas: string[] = [];
    for (let i = 0; i < text.length; i += size) deltas.push(text.slice(i, i + size));
    const start = { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1, service_tier: 'standard' } };
    const head = [
      sse('message_start', { type: 'message_start', message: start }),
      sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      sse('ping', { type: 'ping' }),
    ];
    const body = deltas.map((d) => sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: d } }));
    const tail = [
      sse('content_block_stop', { type: 'content_block_stop', index: 0 }),
      sse('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
        usage: {
          input_tokens: usage.input_tokens,
          output_tokens: usage.output_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
        },
      }),
      sse('message_stop', { type: 'message_stop' }),
    ];
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId(message.id) });
    if (resetAfterDeltas !== undefined) {
      res.write(head.join('') + body.slice(0, resetAfterDeltas).join(''), () => res.socket?.destroy());
      return;
    }
    const delay = behaviour.deltaDelayMs ?? 0;
    if (delay <= 0) {
      res.end(head.join('') + body.join('') + tail.join(''));
      return;
    }
    const events = [head.join(''), ...body, tail.join('')];
    let i = 0;
    const writeNext = (): void => {
      if (res.destroyed) return;
      if (i === events.length - 1) {
        res.end(events[i]);
        return;
      }
      res.write(events[i++]);
      setTimeout(writeNext, delay);
    };
    writeNext();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...behaviours) => void queue.push(...behaviours),
    scriptCountTokens: (...behaviours) => void countQueue.push(...behaviours),
    setResponder: (fn) => void (respond = fn),
    messageRequests: () => requests.filter((r) => r.path === '/v1/messages'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Cut the text where the request's `stop_sequences` or `max_tokens` would stop a real model. */
function applyLimits(
  body: FakeMessagesBody,
  behaviour: Extract<FakeBehaviour, { kind: 'answer' }>,
): { text: string; stopReason: string; stopSequence: string | null } {
  let text = behaviour.text;
  let stopReason = behaviour.stopReason ?? 'end_turn';
  let stopSequence: string | null = null;
  for (const seq of body.stop_sequences ?? []) {
    const at = text.indexOf(seq);
    if (seq && at >= 0) {
      text = text.slice(0, at);
      stopReason = 'stop_sequence';
      stopSequence = seq;
    }
  }
  const maxChars = (body.max_tokens ?? Infinity) * 4;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    stopReason = 'max_tokens';
    stopSequence = null;
  }
  return { text, stopReason, stopSequence };
}

/** The SDK sends `Authorization: Bearer <key>` (API version 2026-10-21); older clients send `x-api-key`. */
function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

function delayed(ms: number | undefined, res: ServerResponse, send: () => void): void {
  if (!ms) return send();
  const timer = setTimeout(send, ms);
  res.on('close', () => clearTimeout(timer));
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function requestId(messageId: string): string {
  return messageId.replace('msg_', 'req_');
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const json = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

function sendError(res: ServerResponse, behaviour: Extract<FakeBehaviour, { kind: 'error' }>): void {
  const id = `req_fake_error_${Date.now().toString(36)}`;
  sendJson(
    res,
    behaviour.status,
    { type: 'error', error: { type: behaviour.errorType, message: behaviour.message }, request_id: id },
    { 'request-id': id, 'x-should-retry': String(isRetryableStatus(behaviour.status)), ...behaviour.headers },
  );
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
