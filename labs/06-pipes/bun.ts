import { chunksOf } from '../chunks.ts';
import { fail, serving, type ServerOptions } from '../harness.ts';

async function readWrite(options: ServerOptions): Promise<void> {
  for await (const chunk of chunksOf(options.file, options.chunk)) await Bun.write(Bun.stdout, chunk);
}

async function stream(options: ServerOptions): Promise<void> {
  for await (const chunk of Bun.file(options.file).stream()) await Bun.write(Bun.stdout, chunk);
}

// copy_file.zig: a regular file into a pipe or socket goes through sendfile(2) — which, since
// Linux 5.12, the kernel runs as a splice when out_fd is a pipe (sendfile(2), kernel commit b964bf53e540).
async function sendfile(options: ServerOptions): Promise<void> {
  await Bun.write(Bun.stdout, Bun.file(options.file));
}

export function serve(options: ServerOptions): void {
  const methods: Record<string, (options: ServerOptions) => Promise<void>> = { 'read-write': readWrite, stream, sendfile };
  const run = methods[options.method] ?? fail(`bun has no method ${options.method} in this lab`);
  serving(null, options, () => run(options));
}
