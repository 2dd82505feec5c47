// The one fixed client (DESIGN.md): the same Node process fetches from every runtime's server, so
// differences in the table belong to the servers. It hashes as it receives, keeps nothing, and
// prints one JSON line per transfer: {"transfer":i,"bytes":n,"sha256":hex,"seconds":s}. Before
// each transfer after the first it waits for a line on stdin, so the runner can read the server's
// resource usage between transfers without the next one running.
// Usage: client.ts --port N --protocol tcp|http --count K, or --path FIFO --bytes N --protocol pipe --count K,
// or --port N --protocol log --consumers C --fetch BYTES [--produce --path DATA --batch BYTES] --count K
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { xorInPlace } from '../../labs/08-limits/transform.ts';

interface Received { bytes: number; sha256: string }

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
 * Lab 08 options: --tls CERT fetches over HTTPS trusting only that certificate; --undo xor|gzip
 * reverses the server's transform so the original SHA-256 can be checked.
 */
function fetchHttp(port: number): Promise<Received> {
  const cert = process.argv.includes('--tls') ? readFileSync(flag('tls')) : null;
  const undo = process.argv.includes('--undo') ? flag('undo') : null;
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

// A named pipe (lab 06): the server's stdout, open for the whole run, so the client reads one
// transfer's worth of bytes at a time, hashing as it goes, and leaves the rest in the pipe.
async function* pipeTransfers(path: string, bytes: number): AsyncGenerator<Received> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 20 })[Symbol.asyncIterator]();
  let carried: Buffer | null = null;
  for (;;) {
    const hash = createHash('sha256');
    let received = 0;
    while (received < bytes) {
      const chunk: Buffer | null = carried ?? ((await chunks.next()).value as Buffer | undefined) ?? null;
      carried = null;
      if (!chunk) { yield { bytes: received, sha256: hash.digest('hex') }; return; }
      const take = Math.min(chunk.length, bytes - received);
      hash.update(chunk.subarray(0, take));
      received += take;
      if (take < chunk.length) carried = chunk.subarray(take);
    }
    yield { bytes: received, sha256: hash.digest('hex') };
  }
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

function flag(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? undefined : process.argv[index + 1];
  if (value === undefined) throw new Error(`client needs --${name}`);
  return value;
}

const protocol = flag('protocol');
const fromPipe = protocol === 'pipe' ? pipeTransfers(flag('path'), Number(flag('bytes'))) : null;
const fetchOnce = fromPipe ? async () => (await fromPipe.next()).value as Received
  : protocol === 'log' ? () => consumeAll(Number(flag('port')), Number(flag('consumers')), Number(flag('fetch')))
  : protocol === 'http' ? () => fetchHttp(Number(flag('port'))) : () => fetchTcp(Number(flag('port')));
// A broker with an empty log is filled first, outside every transfer's clock.
const produced = process.argv.includes('--produce') ? await produce(Number(flag('port')), flag('path'), Number(flag('batch'))) : undefined;
const count = Number(flag('count'));
const go = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let transfer = 1; transfer <= count; transfer++) {
  if (transfer > 1 && (await go.next()).done) break;
  const started = performance.now();
  try {
    const received = await fetchOnce();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ transfer, ...received, seconds, ...(transfer === 1 && produced ? { produced } : {}) }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ transfer, error: (error as Error).message }) + '\n');
    process.exitCode = 1;
    break;
  }
}
process.stdin.destroy();
