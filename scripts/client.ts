// The one fixed client (DESIGN.md): the same Node process fetches from every runtime's server, so
// differences in the table belong to the servers. It hashes as it receives, keeps nothing, and
// prints one JSON line per transfer: {"transfer":i,"bytes":n,"sha256":hex,"seconds":s}. Before
// each transfer after the first it waits for a line on stdin, so the runner can read the server's
// resource usage between transfers without the next one running.
// Usage: client.ts --port N --protocol tcp|http --count K, or --path FIFO --bytes N --protocol pipe --count K
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

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

function fetchHttp(port: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`server answered HTTP ${response.statusCode}`));
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

function flag(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0 || index + 1 >= process.argv.length) throw new Error(`client needs --${name}`);
  return process.argv[index + 1];
}

const protocol = flag('protocol');
const fromPipe = protocol === 'pipe' ? pipeTransfers(flag('path'), Number(flag('bytes'))) : null;
const fetchOnce = fromPipe ? async () => (await fromPipe.next()).value as Received
  : protocol === 'http' ? () => fetchHttp(Number(flag('port'))) : () => fetchTcp(Number(flag('port')));
const count = Number(flag('count'));
const go = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let transfer = 1; transfer <= count; transfer++) {
  if (transfer > 1 && (await go.next()).done) break;
  const started = performance.now();
  try {
    const received = await fetchOnce();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(JSON.stringify({ transfer, ...received, seconds }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ transfer, error: (error as Error).message }) + '\n');
    process.exitCode = 1;
    break;
  }
}
process.stdin.destroy();
