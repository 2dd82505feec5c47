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
        pipe: 'FileHandle.read() into one reused buffer, Bun.write(Bun.stdout, chunk)',
        file: "FileHandle.read() into one reused buffer, FileHandle.write() to the copy (node:fs/promises, as Node's)",
        log: 'a Bun.serve broker: FileHandle.read() of the fetched range into one reused buffer, written through a direct stream',
      },
      expectedSyscalls: { tcp: ['read', 'sendto'], http: ['read', 'sendmsg'], pipe: ['read', 'write'], file: ['read', 'write'], log: ['pread64', 'sendmsg'] },
    },
    stream: {
      available: true,
      api: {
        tcp: 'Bun.file(file).stream() chunks written to a Bun.listen socket',
        // Measured with strace on Bun 1.4.5: Bun.serve recognises a stream that comes straight
        // from a Bun.file and sends it with sendfile(2), exactly like Response(Bun.file(file)).
        http: 'Bun.serve returning new Response(Bun.file(file).stream()) — which Bun also turns into sendfile(2)',
        pipe: 'Bun.file(file).stream() chunks written with Bun.write(Bun.stdout, chunk)',
      },
      expectedSyscalls: { tcp: ['pread64', 'sendto'], http: ['sendfile'], pipe: ['pread64', 'write'] },
    },
    sendfile: {
      available: true,
      api: {
        http: 'Bun.serve returning new Response(Bun.file(file)) — sendfile(2) on Linux for plain HTTP, files of at least 1 MiB (FileResponseStream.zig canSendfile)',
        // Measured on Bun 1.4.5: only Bun.stdout reaches sendfile; Bun.write(Bun.file(fifo), …)
        // tries copy_file_range (EINVAL) and falls back to read/write.
        pipe: 'Bun.write(Bun.stdout, Bun.file(file)) with stdout a pipe — sendfile(2), which the kernel runs as splice into a pipe',
        log: 'a Bun.serve broker answering a fetch with new Response(Bun.file(segment).slice(start, end)) — sendfile(2) with an offset, like Kafka\'s FileChannel.transferTo',
      },
      expectedSyscalls: { http: ['sendfile'], pipe: ['sendfile'], log: ['sendfile'] },
    },
    'mmap-write': {
      available: true,
      api: { tcp: 'Bun.mmap(file) — a Uint8Array over a MAP_SHARED mapping, no copy — written to a Bun.listen socket' },
      expectedSyscalls: { tcp: ['mmap', 'sendto'] },
    },
    transform: {
      available: true,
      api: { http: 'Bun.serve with a direct ReadableStream: read into one reused buffer, XOR each byte in place, write' },
      expectedSyscalls: { http: ['read', 'sendmsg'] },
    },
    gzip: {
      available: true,
      api: { http: "Bun.serve returning new Response(Bun.file(file).stream().pipeThrough(new CompressionStream('gzip')))" },
      expectedSyscalls: { http: ['sendto'] },
    },
    tls: {
      available: true,
      api: { http: 'Bun.serve({ tls }) returning new Response(Bun.file(file)) — the sendfile method behind HTTPS, where Bun cannot use sendfile (FileResponseStream.zig: no sendfile with SSL)' },
      expectedSyscalls: { http: ['sendto'] },
    },
    'copy-file': {
      available: true,
      api: { file: 'Bun.write(Bun.file(dest), Bun.file(src)) — copy_file.zig: copy_file_range for regular files, read/write fallback' },
      expectedSyscalls: { file: ['copy_file_range'] },
    },
    // Lab 09: the kernel's calls through bun:ffi, on sockets the lab opens itself through FFI.
    'sendfile-ffi': {
      available: true,
      api: { tcp: 'bun:ffi: sendfile(2) from the data file to an accepted socket, asking for all that remains each call (at most 0x7ffff000)' },
      expectedSyscalls: { tcp: ['sendfile'] },
    },
    'splice-ffi': {
      available: true,
      api: { tcp: 'bun:ffi: splice(2) file -> pipe, then pipe -> socket, one chunk per pair of calls (the pipe grown to the chunk with F_SETPIPE_SZ)' },
      expectedSyscalls: { tcp: ['splice'] },
    },
    'msg-zerocopy': {
      available: true,
      api: { tcp: 'bun:ffi: SO_ZEROCOPY, mmap(2) of the file, send(MSG_ZEROCOPY) per chunk, completions from recvmsg(MSG_ERRQUEUE)' },
      expectedSyscalls: { tcp: ['mmap', 'sendto', 'recvmsg'] },
    },
    'io-uring-send-zc': {
      available: true,
      api: { tcp: 'bun:ffi: io_uring_setup and io_uring_enter through syscall(2), IORING_OP_SEND_ZC SQEs written by the lab from an mmap(2) of the file, with IORING_SEND_ZC_REPORT_USAGE' },
      expectedSyscalls: { tcp: ['mmap', 'io_uring_enter'] },
    },
  },
};
