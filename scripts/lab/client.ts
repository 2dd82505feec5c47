// The one fixed client (DESIGN.md): the same Node process fetches from every runtime's server, for
// a whole session, so differences in the table belong to the servers, and no row pays for starting
// a client. It hashes as it receives and keeps nothing. The runner writes one request a line on
// stdin (client-protocol.ts) and reads one answer a line: {"bytes":n,"sha256":hex,"seconds":s}, the
// clock running from the request to the last byte. One request at a time: between two, the runner
// reads the server's resource usage without a transfer running.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ClientCommand, ClientReply, FetchRequest, Received } from './client-protocol.ts';
import { xorInPlace } from '../../labs/08-limits/transform.ts';

function drain(source: Readable): Promise<Received> {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Promise((resolve, reject) => {
    source.on('data', (chunk: Buffer) => { bytes += chunk.length; hash.update(chunk); });
    source.on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
    source.on('error', reject);
  });
}

function fetchTcp(port: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => drain(socket).then(resolve, reject));
    socket.on('error', reject);
  });
}

/**
 * Lab 08's options: tls fetches over HTTPS trusting only that certificate; undo xor|gzip reverses
 * the server's transform so the original SHA-256 can be checked.
 */
function fetchHttp(port: number, tls: string | undefined, undo: 'xor' | 'gzip' | undefined): Promise<Received> {
  const cert = tls ? readFileSync(tls) : null;
  const get = cert ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/', agent: false, ...(cert ? { ca: cert } : {}) }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`server answered HTTP ${response.statusCode}`));
      else if (undo === 'gzip') drain(response.pipe(createGunzip())).then(resolve, reject);
      else if (undo === 'xor') drain(response.pipe(new Transform({ transform(chunk: Buffer, _encoding, done) { done(null, xorInPlace(chunk)); } }))).then(resolve, reject);
      else drain(response).then(resolve, reject);
    });
    request.on('error', reject);
  });
}

// A named pipe (lab 06): the server's stdout, open for the whole server, so the client reads one
// transfer's worth of bytes at a time, hashing as it goes, and leaves the rest in the pipe.
function pipeReader(path: string): { next(bytes: number): Promise<Received>; close(): void } {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const chunks = stream[Symbol.asyncIterator]();
  let carried: Buffer | null = null;
  return {
    async next(bytes) {
      const hash = createHash('sha256');
      let received = 0;
      while (received < bytes) {
        const chunk: Buffer | null = carried ?? ((await chunks.next()).value as Buffer | undefined) ?? null;
        carried = null;
        if (!chunk) break;
        const take = Math.min(chunk.length, bytes - received);
        hash.update(chunk.subarray(0, take));
        received += take;
        if (take < chunk.length) carried = chunk.subarray(take);
      }
      return { bytes: received, sha256: hash.digest('hex') };
    },
    close: () => stream.destroy(),
  };
}

// Lab 07's producer: the data file, POSTed as record batches of `batch` bytes, one at a time.
async function produce(port: number, path: string, batch: number): Promise<{ batches: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const started = performance.now();
  let batches = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: batch })) {
    await new Promise<void>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: '/produce', method: 'POST', agent, headers: { 'content-length': (chunk as Buffer).length } }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`produce answered HTTP ${response.statusCode}`))));
      });
      request.on('error', reject);
      request.end(chunk);
    });
    batches += 1;
  }
  agent.destroy();
  return { batches, seconds: (performance.now() - started) / 1000 };
}

// Lab 07's consumer: fetch from offset 0 until the broker has nothing more, hashing every batch.
async function consume(port: number, maxBytes: number, agent: http.Agent): Promise<Received> {
  const hash = createHash('sha256');
  let bytes = 0;
  for (let offset = 0; ;) {
    const { next, size } = await new Promise<{ next: number; size: number }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/fetch?offset=${offset}&maxBytes=${maxBytes}`, agent }, (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => { size += chunk.length; hash.update(chunk); });
        response.on('end', () => resolve({ next: Number(response.headers['x-next-offset']), size }));
        response.on('error', reject);
      }).on('error', reject);
    });
    if (size === 0) return { bytes, sha256: hash.digest('hex') };
    bytes += size;
    offset = next;
  }
}

/** One transfer of lab 07: `consumers` consumers read the whole log at once; all must agree. */
async function consumeAll(port: number, consumers: number, maxBytes: number): Promise<Received> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: consumers });
  const received = await Promise.all(Array.from({ length: consumers }, () => consume(port, maxBytes, agent)));
  agent.destroy();
  const [first] = received;
  if (!first) throw new Error('no consumer ran');
  const odd = received.findIndex((one) => one.sha256 !== first.sha256 || one.bytes !== first.bytes);
  if (odd >= 0) throw new Error(`consumer ${odd + 1} of ${consumers} received different bytes from consumer 1`);
  return first;
}

let pipe: ReturnType<typeof pipeReader> | null = null;

function closePipe(): void {
  pipe?.close();
  pipe = null;
}

async function fetchOnce(request: FetchRequest): Promise<Received & { produced?: { batches: number; seconds: number } }> {
  switch (request.protocol) {
    case 'tcp': return fetchTcp(request.port);
    case 'http': return fetchHttp(request.port, request.tls, request.undo);
    case 'pipe':
      if (!pipe) throw new Error('no named pipe is open: the runner sends openPipe first');
      return pipe.next(request.bytes);
    case 'log': {
      // A broker with an empty log is filled first, outside the transfer's clock.
      const produced = request.produce ? await produce(request.port, request.produce.path, request.produce.batch) : undefined;
      return { ...await consumeAll(request.port, request.consumers, request.fetchBytes), ...(produced ? { produced } : {}) };
    }
  }
}

async function answer(command: ClientCommand): Promise<ClientReply> {
  if ('openPipe' in command) {
    closePipe();
    pipe = pipeReader(command.openPipe);
    return { ok: true };
  }
  if ('closePipe' in command) {
    closePipe();
    return { ok: true };
  }
  if (!('fetch' in command)) return { error: 'the lab client hashes what it receives; only the bench client compares with a file it expects' };
  const produceFirst = command.fetch.protocol === 'log' && command.fetch.produce;
  let started = performance.now();
  const received = await fetchOnce(command.fetch);
  // The producer's time is its own; the transfer's clock is the consumers'.
  if (produceFirst && 'produced' in received && received.produced) started += received.produced.seconds * 1000;
  return { ...received, seconds: (performance.now() - started) / 1000 };
}

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  let reply: ClientReply;
  try {
    reply = await answer(JSON.parse(line) as ClientCommand);
  } catch (error) {
    reply = { error: (error as Error).message };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
closePipe();
