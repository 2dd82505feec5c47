// The flag values every measuring verb shares (lab, start, bench): which runtimes, which method,
// what size, which buffer, how many timed runs. Each verb declares its own flags and turns them into
// the core's typed options with these, so no verb builds another verb's flags.
import { knownList, UsageError } from '../args.ts';
import { formatBytes, parseSize } from '../sizes.ts';
import { methodNames, runtimeNames, type MethodName, type RuntimeName } from '../../runtime-adapters/types.ts';

/** More syscalls than this in one transfer run for minutes under strace with no word: refused. */
const maxSyscallsPerTransfer = 1_000_000;

export function runtimesFrom(text: string | undefined): RuntimeName[] {
  return text === undefined ? [...runtimeNames] : knownList(text, runtimeNames, 'runtime');
}

export function methodFrom(text: string | undefined): MethodName | undefined {
  if (text === undefined) return undefined;
  const methods = knownList(text, methodNames, 'method');
  if (methods.length > 1) throw new UsageError('--method takes one method; leave it out to run every method the lab has');
  return methods[0];
}

export function sizeFrom(text: string, flag: string): number {
  const bytes = parseSize(text);
  if (typeof bytes !== 'number') throw new UsageError(`--${flag}: ${bytes.error}`);
  return bytes;
}

/** The read-write buffer, refused when it is larger than 64 MiB or would take a million syscalls. */
export function chunkFrom(text: string, fileBytes: number): number {
  const chunk = sizeFrom(text, 'chunk');
  if (chunk > 64 * 2 ** 20) throw new UsageError('--chunk: at most 64MiB');
  // A read and a write per chunk.
  const syscalls = 2 * Math.ceil(fileBytes / chunk);
  if (syscalls > maxSyscallsPerTransfer) {
    throw new UsageError(`a ${formatBytes(chunk)} buffer (--chunk) on a ${formatBytes(fileBytes)} file (--size) means about ${syscalls.toLocaleString('en')} syscalls per transfer `
      + `(a read and a write per chunk), more than ${maxSyscallsPerTransfer.toLocaleString('en')}: under strace that runs for many minutes. Use a bigger --chunk or a smaller --size.`);
  }
  return chunk;
}
