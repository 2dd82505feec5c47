// The contract every runtime adapter keeps (DESIGN.md "Runtime adapters"). Plain data plus two
// functions, so the runner treats Node, Bun and Deno alike and a lab never asks "which runtime?".

export type RuntimeName = 'node' | 'bun' | 'deno';
export const runtimeNames: readonly RuntimeName[] = ['node', 'bun', 'deno'];

export type MethodName = 'read-write' | 'stream' | 'sendfile' | 'mmap-write' | 'copy-file' | 'transform' | 'gzip' | 'tls'
  | 'sendfile-ffi' | 'splice-ffi' | 'msg-zerocopy' | 'io-uring-send-zc';
export const methodNames: readonly MethodName[] = ['read-write', 'stream', 'sendfile', 'mmap-write', 'copy-file', 'transform', 'gzip', 'tls',
  'sendfile-ffi', 'splice-ffi', 'msg-zerocopy', 'io-uring-send-zc'];

/**
 * Where a lab's bytes go: raw TCP or HTTP/1.1 to the fixed client (so HTTP-only facilities are
 * compared with an HTTP baseline), a named pipe the client reads, another file (no client), or
 * a log broker's consumers fetching over HTTP (lab 07).
 */
export type Protocol = 'tcp' | 'http' | 'pipe' | 'file' | 'log';

export interface AvailableMethod {
  available: true;
  /** The public API the lab calls, per protocol, as a reader would look it up in the docs. */
  api: Partial<Record<Protocol, string>>;
  /** The syscalls this API should make on the data file and the socket (confirmed with strace). */
  expectedSyscalls: Partial<Record<Protocol, string[]>>;
}

export interface UnavailableMethod {
  available: false;
  /** One line: what the runtime lacks, and where that was established. */
  reason: string;
}

export type TransferMethod = AvailableMethod | UnavailableMethod;

/** A process to start: the runner adds tracing, timeouts and reaping around it. */
export interface Command {
  file: string;
  args: string[];
  /** Extra environment variables for the process. */
  env?: Record<string, string>;
}

export interface LaunchOptions {
  /** Paths the entry may read (Deno turns these into --allow-read). */
  readPaths: string[];
  /** Paths the entry may write: a file lab's copy, a pipe lab's FIFO (Deno: --allow-write). */
  writePaths?: string[];
  /**
   * Native libraries the entry loads through FFI, by absolute path (lab 09: libc). Deno turns them
   * into --allow-ffi=<paths>, the narrowest FFI grant it has, and then opens only those exact paths.
   */
  ffi?: string[];
}

export interface RuntimeAdapter {
  name: RuntimeName;
  /** Absolute path of the runtime's executable (from node_modules/.bin for bun and deno). */
  executable: string;
  /** Argument that makes the executable print its version (first line of output). */
  versionArgs: string[];
  /** How to run a TypeScript entry file (or one bundle() made) with arguments in this runtime. */
  command(entry: string, args: string[], options: LaunchOptions): Command;
  /**
   * Compiles a TypeScript entry and what it imports into one JavaScript file under `outDir`, for a
   * runtime that starts that faster than it runs TypeScript; absent where the runtime runs
   * TypeScript itself at no cost worth saving (Bun, Deno).
   */
  bundle?(entry: string, outDir: string): Promise<string>;
  methods: Record<MethodName, TransferMethod>;
}
