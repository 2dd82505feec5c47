import { join } from 'node:path';
import { chunksOf } from '../chunks.ts';
import { readWrite, sendfile } from '../02-sendfile/bun.ts';
import { fail, loopback, serving, type ServerOptions } from '../harness.ts';
import { xorInPlace } from './transform.ts';

// Read into one reused buffer, XOR it in place, write it: the transform needs the bytes in user space.
function transform(options: ServerOptions, size: number): Response {
  const body = new ReadableStream({
    type: 'direct',
    async pull(controller) {
      for await (const chunk of chunksOf(options.file, options.chunk)) {
        controller.write(xorInPlace(chunk));
        await controller.flush();
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-length': String(size) } });
}

function gzip(options: ServerOptions): Response {
  return new Response(Bun.file(options.file).stream().pipeThrough(new CompressionStream('gzip')));
}

export function serve(options: ServerOptions): void {
  const size = Bun.file(options.file).size;
  // `tls` is the sendfile method's exact code, behind HTTPS: Bun skips sendfile when TLS is on.
  const respond = options.method === 'read-write' ? () => readWrite(options, size)
    : options.method === 'sendfile' || options.method === 'tls' ? () => sendfile(options)
    : options.method === 'transform' ? () => transform(options, size)
    : options.method === 'gzip' ? () => gzip(options)
    : fail(`bun has no method ${options.method} in this lab`);
  const tls = options.method === 'tls' ? { cert: Bun.file(join(options.tls, 'cert.pem')), key: Bun.file(join(options.tls, 'key.pem')) } : undefined;
  const server = Bun.serve({ hostname: loopback, port: 0, tls, fetch: respond });
  serving(server.port ?? 0, options);
}
