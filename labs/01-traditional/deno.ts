import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';

// Deno.Conn.write() may write fewer bytes than asked; keep writing the rest before reusing the buffer.
async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}

// The connection is closed however the transfer ends: a client that hangs up mid-file makes
// write() throw, and without the finally its socket would stay open in the server for good.
async function readWrite(conn: Deno.Conn, options: ServerOptions): Promise<void> {
  try {
    using file = await Deno.open(options.file);
    const buffer = new Uint8Array(options.chunk);
    for (;;) {
      const bytesRead = await file.read(buffer);
      if (bytesRead === null) break;
      await writeAll(conn, buffer.subarray(0, bytesRead));
    }
  } finally {
    conn.close();
  }
}

async function stream(conn: Deno.Conn, options: ServerOptions): Promise<void> {
  const file = await Deno.open(options.file).catch((error) => { conn.close(); throw error; });
  await file.readable.pipeTo(conn.writable);
}

export async function serve(options: ServerOptions): Promise<void> {
  const send = options.method === 'read-write' ? readWrite : options.method === 'stream' ? stream : null;
  if (!send) fail(`deno has no method ${options.method} in this lab`);
  const listener = Deno.listen({ hostname: loopback, port: 0 });
  serving(listener.addr.port, options);
  for await (const conn of listener) {
    send(conn, options).catch(transferFailed);
  }
}
