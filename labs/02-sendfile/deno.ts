import { fail, loopback, serving, type ServerOptions } from '../harness.ts';

// The baseline inside Deno.serve. A ReadableStream keeps each chunk it is given, so one buffer
// cannot be reused as in lab 01: each read() goes into a fresh buffer that the stream then owns.
export function readWrite(options: ServerOptions, size: number): Response {
  let file: Deno.FsFile | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      file ??= await Deno.open(options.file);
      const buffer = new Uint8Array(options.chunk);
      const bytesRead = await file.read(buffer);
      if (bytesRead === null) {
        file.close();
        controller.close();
      } else {
        controller.enqueue(buffer.subarray(0, bytesRead));
      }
    },
    cancel() { file?.close(); },
  });
  return new Response(body, { headers: { 'content-length': String(size) } });
}

// Deno's idiomatic file response: ext/http reads the file resource in 64 KiB chunks.
export async function stream(options: ServerOptions): Promise<Response> {
  const file = await Deno.open(options.file);
  return new Response(file.readable);
}

export async function serve(options: ServerOptions): Promise<void> {
  const { size } = await Deno.stat(options.file);
  const respond = options.method === 'read-write' ? () => readWrite(options, size)
    : options.method === 'stream' ? () => stream(options)
    : fail(`deno has no method ${options.method} in lab 02`);
  const server = Deno.serve({ hostname: loopback, port: 0, onListen() {} }, respond);
  serving(server.addr.port, options);
}
