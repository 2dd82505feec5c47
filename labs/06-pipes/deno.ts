import { fail, serving, type ServerOptions } from '../harness.ts';

async function readWrite(options: ServerOptions): Promise<void> {
  using file = await Deno.open(options.file);
  const buffer = new Uint8Array(options.chunk);
  for (;;) {
    const bytesRead = await file.read(buffer);
    if (bytesRead === null) break;
    for (let written = 0; written < bytesRead;) written += await Deno.stdout.write(buffer.subarray(written, bytesRead));
  }
}

// preventClose: stdout must stay open for the next transfer.
async function stream(options: ServerOptions): Promise<void> {
  const file = await Deno.open(options.file);
  await file.readable.pipeTo(Deno.stdout.writable, { preventClose: true });
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, stream };
  const run = methods[options.method] ?? fail(`deno has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
