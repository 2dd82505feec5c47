import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { readWrite, stream } from '../02-sendfile/node.ts';
import { fail, loopback, serving, transferFailed, type ServerOptions } from '../harness.ts';
import { xorInPlace } from './transform.ts';

type Send = (response: http.ServerResponse, options: ServerOptions) => Promise<void>;

async function transform(response: http.ServerResponse, options: ServerOptions): Promise<void> {
  const xor = new Transform({ transform(chunk: Buffer, _encoding, done) { done(null, xorInPlace(chunk)); } });
  await pipeline(createReadStream(options.file), xor, response);
}

async function gzip(response: http.ServerResponse, options: ServerOptions): Promise<void> {
  await pipeline(createReadStream(options.file), createGzip(), response);
}

export async function serve(options: ServerOptions): Promise<void> {
  const methods: Record<string, Send> = { 'read-write': readWrite, transform, gzip, tls: stream };
  const send = methods[options.method] ?? fail(`node has no method ${options.method} in this lab`);
  const { size } = await stat(options.file);
  const handler = (_request: http.IncomingMessage, response: http.ServerResponse) => {
    // A compressed body's length is not known in advance: it is sent chunked.
    response.writeHead(200, options.method === 'gzip' ? {} : { 'content-length': size });
    send(response, options).catch(transferFailed);
  };
  const server = options.method === 'tls'
    ? https.createServer({ cert: readFileSync(join(options.tls, 'cert.pem')), key: readFileSync(join(options.tls, 'key.pem')) }, handler)
    : http.createServer(handler);
  server.listen(0, loopback, () => serving((server.address() as AddressInfo).port, options));
}
