// Deno, from the `deno` npm package. `deno run` with the narrowest permissions a lab needs: read
// the files it serves, listen on loopback, and for lab 09 load libc by its path (--allow-ffi=PATH;
// FFI can do anything the process can, so it is granted only where a lab calls the kernel itself).
// --no-config keeps Deno from treating this repository's package.json as a project to install.
import { binPath } from './bin.ts';
import type { RuntimeAdapter } from './types.ts';

export const deno: RuntimeAdapter = {
  name: 'deno',
  executable: binPath('deno'),
  versionArgs: ['--version'],
  command(entry, args, { readPaths, writePaths = [], ffi = [] }) {
    return {
      file: binPath('deno'),
      args: ['run', '--quiet', '--no-prompt', '--no-config', '--no-lock',
        `--allow-read=${[...readPaths, ...writePaths].join(',')}`, ...(writePaths.length ? [`--allow-write=${writePaths.join(',')}`] : []),
        '--allow-net=127.0.0.1', ...(ffi.length ? [`--allow-ffi=${ffi.join(',')}`] : []), entry, ...args],
    };
  },
  methods: {
    'read-write': {
      available: true,
      api: {
        tcp: 'Deno.FsFile.read() into one reused Uint8Array, Deno.Conn.write() until every byte is written',
        http: 'Deno.serve with a ReadableStream body: Deno.FsFile.read() into a fresh buffer per chunk (a stream keeps the chunk it is given, so one buffer cannot be reused)',
        pipe: 'Deno.FsFile.read() into one reused Uint8Array, Deno.stdout.write() until every byte is written',
        file: 'Deno.FsFile.read() into one reused Uint8Array, Deno.FsFile.write() to the copy',
        log: 'a Deno.serve broker: Deno.FsFile.seek() to the fetched range, read() into fresh buffers for a ReadableStream body',
      },
      expectedSyscalls: { tcp: ['read', 'sendto'], http: ['read', 'sendto'], pipe: ['read', 'write'], file: ['read', 'write'], log: ['read', 'sendto'] },
    },
    stream: {
      available: true,
      api: {
        tcp: 'Deno.FsFile.readable.pipeTo(conn.writable)',
        http: 'Deno.serve returning new Response(file.readable) — read in 64 KiB chunks by ext/http',
        pipe: 'Deno.FsFile.readable.pipeTo(Deno.stdout.writable, { preventClose: true })',
      },
      expectedSyscalls: { tcp: ['read', 'sendto'], http: ['read', 'sendto'], pipe: ['read', 'write'] },
    },
    sendfile: {
      available: false,
      reason: 'Deno has no sendfile API: ext/http reads file bodies in 64 KiB chunks; the flash server that used sendfile was removed in 1.33 (denoland/deno#18578)',
    },
    'mmap-write': {
      available: false,
      reason: 'Deno has no mmap API (none in the Deno namespace; only FFI to libc could map a file)',
    },
    transform: {
      available: true,
      api: { http: 'Deno.serve returning new Response(file.readable.pipeThrough(a TransformStream that XORs each byte))' },
      expectedSyscalls: { http: ['read', 'sendto'] },
    },
    gzip: {
      available: true,
      api: { http: "Deno.serve returning new Response(file.readable.pipeThrough(new CompressionStream('gzip')))" },
      expectedSyscalls: { http: ['read', 'sendto'] },
    },
    tls: {
      available: true,
      api: { http: 'Deno.serve({ cert, key }) (rustls in user space) returning new Response(file.readable)' },
      expectedSyscalls: { http: ['read', 'sendto'] },
    },
    'copy-file': {
      available: true,
      api: { file: 'Deno.copyFile(src, dest) — Rust std::fs::copy on Linux: copy_file_range, then sendfile, then read/write' },
      expectedSyscalls: { file: ['copy_file_range'] },
    },
    // Lab 09: the kernel's calls through Deno.dlopen, on sockets the lab opens itself through FFI (--allow-ffi for libc alone).
    'sendfile-ffi': {
      available: true,
      api: { tcp: 'Deno.dlopen: sendfile(2) from the data file to an accepted socket, asking for all that remains each call (at most 0x7ffff000)' },
      expectedSyscalls: { tcp: ['sendfile'] },
    },
    'splice-ffi': {
      available: true,
      api: { tcp: 'Deno.dlopen: splice(2) file -> pipe, then pipe -> socket, one chunk per pair of calls (the pipe grown to the chunk with F_SETPIPE_SZ)' },
      expectedSyscalls: { tcp: ['splice'] },
    },
    'msg-zerocopy': {
      available: true,
      api: { tcp: 'Deno.dlopen: SO_ZEROCOPY, mmap(2) of the file, send(MSG_ZEROCOPY) per chunk, completions from recvmsg(MSG_ERRQUEUE)' },
      expectedSyscalls: { tcp: ['mmap', 'sendto', 'recvmsg'] },
    },
    'io-uring-send-zc': {
      available: true,
      api: { tcp: 'Deno.dlopen: io_uring_setup and io_uring_enter through syscall(2), IORING_OP_SEND_ZC SQEs written by the lab from an mmap(2) of the file, with IORING_SEND_ZC_REPORT_USAGE' },
      expectedSyscalls: { tcp: ['mmap', 'io_uring_enter'] },
    },
  },
};
