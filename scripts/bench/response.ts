// What the bench client received, taken apart on its hashing thread: for an HTTP lab, the body of
// one HTTP/1.1 response (framed by Content-Length, by chunked encoding — Bun's direct streams and
// Deno's stream bodies use it — or by the server closing); for a TCP lab, every byte. The decoder
// hands on views of the bytes it is given, never copies, and keeps only the response head.
import type { Protocol } from '../../runtime-adapters/types.ts';

export interface ResponseDecoder {
  /** Feed the next bytes as they arrived; body parts go to `onBody` as views of `bytes`. */
  push(bytes: Uint8Array): void;
  /** The stream ended: null when a whole 200 response arrived, else what was wrong. */
  end(): string | null;
}

type State = 'head' | 'length' | 'until-close' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'done';

const maxLineBytes = 4096;
const CR = 13;
const LF = 10;

/** Bytes as text, one character per byte: HTTP framing is ASCII, and a view is decoded without a copy. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  const view = bytes.subarray(start, end);
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('latin1');
}

export function createResponseDecoder(protocol: Protocol, onBody: (part: Uint8Array) => void): ResponseDecoder {
  if (protocol !== 'http') return { push: onBody, end: () => null };
  let state: State = 'head';
  let head = '';
  let line = '';
  let status = 0;
  /** Body bytes still to come: of the whole body (Content-Length) or of the current chunk. */
  let remaining = 0;
  let error: string | null = null;

  function readHead(text: string): string | null {
    const [statusLine = '', ...fields] = text.split('\r\n');
    status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    if (!status) return `not an HTTP/1.1 response: ${statusLine.slice(0, 80)}`;
    const header = (name: string) => fields.find((field) => field.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim().toLowerCase();
    if (header('transfer-encoding')?.includes('chunked')) state = 'chunk-size';
    else if (header('content-length') === undefined) state = 'until-close';
    else {
      remaining = Number(header('content-length'));
      if (!Number.isSafeInteger(remaining) || remaining < 0) return `bad Content-Length "${header('content-length')}"`;
      state = remaining > 0 ? 'length' : 'done';
    }
    return null;
  }

  /** Collects one CRLF-terminated line of the chunked framing; returns it once complete. */
  function takeLine(bytes: Uint8Array, at: number): { text: string | null; next: number } {
    const stop = Math.min(bytes.length, at + maxLineBytes);
    let i = at;
    while (i < stop && bytes[i] !== LF) i++;
    line += latin1(bytes, at, i);
    if (i === bytes.length) return { text: null, next: i };
    if (bytes[i] !== LF || line.length >= maxLineBytes) { error = 'a chunk size line is longer than 4 KiB'; return { text: null, next: bytes.length }; }
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    line = '';
    return { text, next: i + 1 };
  }

  function push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && !error) {
      if (state === 'head') {
        const text = latin1(bytes, at, at + 4096);
        const end = (head + text).indexOf('\r\n\r\n');
        if (end < 0) {
          head += text;
          at += text.length;
          if (head.length > maxLineBytes * 16) error = 'the response head is larger than 64 KiB';
          continue;
        }
        at += end + 4 - head.length;
        error = readHead((head + text).slice(0, end));
        head = '';
      } else if (state === 'length' || state === 'chunk-data') {
        const part = bytes.subarray(at, at + remaining);
        onBody(part);
        remaining -= part.length;
        at += part.length;
        if (remaining === 0) state = state === 'length' ? 'done' : 'chunk-end';
      } else if (state === 'until-close') {
        onBody(bytes.subarray(at));
        return;
      } else if (state === 'chunk-end') {
        if (bytes[at] === CR) at++;
        else if (bytes[at] === LF) { at++; state = 'chunk-size'; }
        else error = 'a chunk of the chunked body is longer than its size line says';
      } else if (state === 'chunk-size' || state === 'trailer') {
        const { text, next } = takeLine(bytes, at);
        at = next;
        if (text === null) return;
        if (state === 'trailer') { if (text === '') state = 'done'; continue; }
        remaining = parseInt(text.split(';')[0] ?? '', 16);
        if (!Number.isInteger(remaining) || remaining < 0) error = `bad chunk size line "${text.slice(0, 40)}"`;
        else state = remaining === 0 ? 'trailer' : 'chunk-data';
      } else {
        error = `${bytes.length - at} bytes arrived after the response had ended`;
      }
    }
  }

  return {
    push,
    end() {
      if (error) return error;
      if (state === 'head') return 'the connection closed before a whole response head arrived';
      if (status !== 200) return `the server answered HTTP ${status}`;
      if (state === 'until-close' || state === 'done') return null;
      return state === 'length' ? `the connection closed with ${remaining} body bytes missing` : 'the connection closed inside the chunked body';
    },
  };
}
