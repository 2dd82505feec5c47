// How the bench client checks one response, every byte of it: the HTTP response taken apart
// (response.ts) and its body compared with the file itself, held in memory the client loaded
// before the timed transfers (Buffer.equals is memcmp: several GB/s, and the bytes just received
// are still in the cache), or hashed with SHA-256 where the file does not fit in the client's
// memory (about 1.7 GB/s here). Used on the receiving thread by the blocking path and on the
// verifying thread by Node's socket path (verify-worker.ts).
import { createHash } from 'node:crypto';
import type { Protocol } from '../../runtime-adapters/types.ts';
import { createResponseDecoder } from './response.ts';

export interface Checked {
  bytes: number;
  /** With no file to compare against: the body's SHA-256. */
  sha256: string | null;
  /** Compared with the file: the offset of the first byte that differs (or the body runs past the file); null when none. */
  firstDifference: number | null;
  error: string | null;
}

export interface Verifier {
  /** The next bytes off the socket, in order. */
  push(bytes: Uint8Array): void;
  /** After the stream ended: what arrived, and whether it was the file. */
  end(problem?: string | null): Checked;
}

/** The first offset where two equal-length views differ: only after equals() said they do. */
function firstDifferent(received: Uint8Array, wanted: Uint8Array): number {
  for (let i = 0; i < received.length; i++) if (received[i] !== wanted[i]) return i;
  return received.length;
}

export function createVerifier(protocol: Protocol, expected: Buffer | null): Verifier {
  const hash = expected ? null : createHash('sha256');
  let bytes = 0;
  let firstDifference: number | null = null;
  const decoder = createResponseDecoder(protocol, (part) => {
    if (hash) hash.update(part);
    else if (expected && firstDifference === null) {
      const wanted = expected.subarray(bytes, bytes + part.length);
      const received = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      if (wanted.length < part.length) firstDifference = bytes + wanted.length;
      else if (!received.equals(wanted)) firstDifference = bytes + firstDifferent(received, wanted);
    }
    bytes += part.length;
  });
  return {
    push: (part) => decoder.push(part),
    end: (problem = null) => ({ bytes, sha256: hash ? hash.digest('hex') : null, firstDifference, error: problem ?? decoder.end() }),
  };
}
