// The per-byte transform of lab 08: XOR with a constant, the simplest change a server can make to
// the bytes it sends — and already enough to force every byte through user space. XOR is its own
// inverse, so the client undoes it and checks the original SHA-256.
const xorKey = 0x5a;

export function xorInPlace(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] ?? 0) ^ xorKey;
  return bytes;
}
