import { chunksOf } from '../chunks.ts';
import { fail, loopback, serving, type ServerOptions } from '../harness.ts';

// The baseline inside Bun.serve: a direct stream lets the handler write one reused buffer, and
// flush() waits until Bun has taken the bytes before the next read overwrites them.
export function readWrite(options: ServerOptions, size: number): Response {
  const body = new ReadableStream({
    type: 'direct',
    async pull(controller) {
      for await (const chunk of chunksOf(options.file, options.chunk)) {
        controller.write(chunk);
        await controller.flush();
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-length': String(size) } });
}

// Bun's idiomatic stream of a file, without the sendfile path Response(Bun.file) takes.
export function stream(options: ServerOptions): Response {
  return new Response(Bun.file(options.file).stream());
}

// Bun.serve sends a Bun.file body with sendfile(2) on Linux, plain HTTP, files of >= 1 MiB.
export function sendfile(options: ServerOptions): Response {
  return new Response(Bun.file(options.file));
}

export async function serve(options: ServerOptions): Promise<void> {
  const size = Bun.file(options.file).size;
  const respond = options.method === 'read-write' ? () => readWrite(options, size)
    : options.method === 'stream' ? () => stream(options)
    : options.method === 'sendfile' ? () => sendfile(options)
    : fail(`bun has no method ${options.method} in lab 02`);
  const server = Bun.serve({ hostname: loopback, port: 0, fetch: respond });
  serving(server.port ?? 0, options);
}
