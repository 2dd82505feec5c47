// Native memory the kernel reads or writes through a pointer (a sockaddr, a msghdr, a control
// buffer): allocated with calloc, never by the JS engine, so no garbage collector can move or free
// it while the kernel holds its address; freed explicitly once the call that used it returns.
// JS works on a shadow copy of exactly its size (a wrong offset throws a RangeError instead of
// touching memory beyond it) and moves it in and out with store() and load() around each call.
import type { Address, Libc } from './types.ts';

export interface NativeMemory {
  address: Address;
  size: number;
  /** The shadow copy, zeroed like the calloc'd memory at first. */
  bytes: Uint8Array;
  /** Little-endian, like every architecture lab 09 runs on. */
  data: DataView;
}

export function allocate(libc: Libc, size: number): NativeMemory {
  if (!Number.isSafeInteger(size) || size <= 0 || size > 2 ** 24) throw new Error(`refusing to allocate ${size} bytes of native memory`);
  const address = libc.calloc(size);
  if (address === 0) throw new Error(`calloc(${size}) found no memory`);
  const bytes = new Uint8Array(size);
  return { address, size, bytes, data: new DataView(bytes.buffer) };
}

export function release(libc: Libc, memory: NativeMemory): void {
  libc.free(memory.address);
}

/** The shadow, into native memory: before a call that reads it. */
export function store(libc: Libc, memory: NativeMemory): void {
  libc.write(memory.address, memory.bytes);
}

/** Native memory, into the shadow: after a call that wrote it. */
export function load(libc: Libc, memory: NativeMemory): void {
  libc.read(memory.address, memory.bytes);
}

/** A NUL-terminated UTF-8 copy of `text` (a path, a ULP name), already in native memory. */
export function cString(libc: Libc, text: string): NativeMemory {
  const encoded = new TextEncoder().encode(text);
  if (encoded.includes(0)) throw new Error(`a C string cannot contain NUL: ${JSON.stringify(text)}`);
  const memory = allocate(libc, encoded.length + 1);
  memory.bytes.set(encoded);
  store(libc, memory);
  return memory;
}

export function writeAddress(data: DataView, offset: number, address: Address): void {
  data.setBigUint64(offset, BigInt(address), true);
}
