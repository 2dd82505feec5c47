import { join } from 'node:path';
import { readWrite, stream } from '../02-sendfile/deno.ts';
import { fail, loopback, serving, type ServerOptions } from '../harness.ts';
import { xorInPlace } from './transform.ts';

async function transform(options: ServerOptions, size: number): Promise<Response> {
  const file = await Deno.open(options.file);
  const xor = new TransformStream<Uint8Array, Uint8Array>({ transform(chunk, controller) { controller.enqueue(xorInPlace(chunk)); } });
  return new Response(file.readable.pipeThrough(xor), { headers: { 'content-length': String(size) } });
}

async function gzip(options: ServerOptions): Promise<Response> {
  const file = await Deno.open(options.file);
  return new Response(file.readable.pipeThrough(new CompressionStream('gzip')));
}

export async function serve(options: ServerOptions): Promise<void> {
  const { size } = await Deno.stat(options.file);
  const respond = options.method === 'read-write' ? () => readWrite(options, size)
    : options.method === 'tls' ? () => stream(options)
    : options.method === 'transform' ? () => transform(options, size)
    : options.method === 'gzip' ? () => gzip(options)
    : fail(`deno has no method ${options.method} in this lab`);
  const tls = options.method === 'tls'
    ? { cert: Deno.readTextFileSync(join(options.tls, 'cert.pem')), key: Deno.readTextFileSync(join(options.tls, 'key.pem')) }
    : {};
  const server = Deno.serve({ hostname: loopback, port: 0, onListen() {}, ...tls }, respond);
  serving(server.addr.port, options);
}
