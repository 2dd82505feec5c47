// Bun, from the `bun` npm package (node_modules/.bin/bun). Bun runs TypeScript natively.
import { binPath } from './bin.ts';
import type { RuntimeAdapter } from './types.ts';

export const bun: RuntimeAdapter = {
  name: 'bun',
  executable: binPath('bun'),
  versionArgs: ['--version'],
  command(entry, args) {
    return { file: binPath('bun'), args: [entry, ...args] };
  },
  methods: {
    'read-write': {
      available: true,
      api: {
        tcp: 'fsPromises FileHandle.read() into one reused Uint8Array, Bun.listen socket.write() (partial writes resumed on drain)',
        http: 'Bun.serve with a direct ReadableStream: FileHandle.read() into one reused buffer, controller.write() then flush()',
      },
      expectedSyscalls: { tcp: ['read', 'sendto'], http: ['read', 'sendmsg'] },
    },
    stream: {
      available: true,
      api: {
        tcp: 'Bun.file(file).stream() chunks written to a Bun.listen socket',
        // Measured with strace on Bun 1.4.5: Bun.serve recognises a stream that comes straight
        // from a Bun.file and sends it with sendfile(2), exactly like Response(Bun.file(file)).
        http: 'Bun.serve returning new Response(Bun.file(file).stream()) — which Bun also turns into sendfile(2)',
      },
      expectedSyscalls: { tcp: ['pread64', 'sendto'], http: ['sendfile'] },
    },
    sendfile: {
      available: true,
      api: {
        http: 'Bun.serve returning new Response(Bun.file(file)) — sendfile(2) on Linux for plain HTTP, files of at least 1 MiB (FileResponseStream.zig canSendfile)',
      },
      expectedSyscalls: { http: ['sendfile'] },
    },
    'mmap-write': {
      available: true,
      api: { tcp: 'Bun.mmap(file) — a Uint8Array over a MAP_SHARED mapping, no copy — written to a Bun.listen socket' },
      expectedSyscalls: { tcp: ['mmap', 'sendto'] },
    },
    'copy-file': {
      available: true,
      api: { file: 'Bun.write(Bun.file(dest), Bun.file(src)) — copy_file.zig: copy_file_range for regular files, read/write fallback' },
      expectedSyscalls: { file: ['copy_file_range'] },
    },
  },
};
