// The bench's client on each of its receive paths — blocking recv through bun:ffi (the bench's
// choice when Bun is installed), through koffi on Node, and Node's own sockets when no FFI loads —
// reading real loopback servers: every path delivers the whole file, compares every byte, names
// the first byte a server got wrong, and says which path it took.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adapters } from '../runtime-adapters/index.ts';
import { benchClientEntry } from '../scripts/bench/sweep.ts';
import { clientService } from '../scripts/lab/client-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'zero-copy-workbook-bench-client-'));
const file = join(dir, 'data.bin');
// Three and a half MiB: more than one read buffer, and not a whole number of them.
const data = randomBytes(3.5 * 2 ** 20 + 123);
writeFileSync(file, data);

/** A server that answers each connection with `body` (behind an HTTP head for http), then closes. */
async function serve(protocol: 'tcp' | 'http', body: Buffer): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    const send = () => socket.end(protocol === 'http' ? Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]) : body);
    if (protocol === 'http') socket.once('data', send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const paths: Array<{ name: string; options: { bun?: string }; env: Record<string, string>; says: RegExp; shared?: boolean }> = [
  { name: 'Bun, bun:ffi, the file mapped from the page cache', options: { bun: adapters.bun.executable }, env: {}, says: /blocking recv through bun:ffi on Bun/, shared: true },
  { name: 'Bun, bun:ffi', options: { bun: adapters.bun.executable }, env: {}, says: /blocking recv through bun:ffi on Bun/ },
  { name: 'Node, koffi', options: {}, env: {}, says: /blocking recv through koffi on Node/ },
  { name: "Node's sockets", options: {}, env: { WORKBOOK_BENCH_NO_FFI: '1' }, says: /Node's socket through epoll \(WORKBOOK_BENCH_NO_FFI is set\)/ },
];

test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const path of paths) {
  test(`bench client, ${path.name}: the whole file, every byte compared, the first wrong byte named`, async () => {
    const client = clientService(benchClientEntry, { ...path.options, env: path.env });
    const tampered = Buffer.from(data);
    tampered[2 ** 20 + 7] = 255 - (data[2 ** 20 + 7] ?? 0);
    const servers = await Promise.all([serve('tcp', data), serve('http', data), serve('tcp', tampered), serve('tcp', data.subarray(0, -1))]);
    try {
      const loaded: any = await client.request({ expect: file, shared: path.shared ?? false }, 30_000);
      assert.is(loaded.expecting, 'compare', JSON.stringify(loaded));
      assert.is(loaded.mapped === true, path.shared === true, 'mapped only when asked (and on Bun)');
      assert.match(loaded.receiving, path.says);
      for (const [index, protocol] of (['tcp', 'http'] as const).entries()) {
        const reply: any = await client.request({ fetch: { protocol, port: servers[index]!.port } }, 30_000);
        assert.is(reply.error, undefined, reply.error);
        assert.is(reply.bytes, data.length, `${protocol}: every byte arrived`);
        assert.equal(reply.compared, { against: file, firstDifference: null }, `${protocol}: and all matched`);
        assert.ok(reply.seconds > 0);
      }
      const wrong: any = await client.request({ fetch: { protocol: 'tcp', port: servers[2]!.port } }, 30_000);
      assert.is(wrong.compared.firstDifference, 2 ** 20 + 7, 'the byte the server changed');
      const short: any = await client.request({ fetch: { protocol: 'tcp', port: servers[3]!.port } }, 30_000);
      assert.is(short.bytes, data.length - 1, 'a short body is counted as it came, for the runner to refuse');
    } finally {
      await client.stop();
      await Promise.all(servers.map((server) => server.close()));
    }
  });
}

test.run();
