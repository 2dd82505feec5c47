// A workshop's 30 laptops, or one reader's busy machine, must not change what a
// lab proves. Every lab 01 and lab 02 server, on every runtime, serves 50 clients of the same file
// at once, and each client gets every byte (count and SHA-256). Bounded: a 1.5 MiB file, 50
// clients, loopback only, each server stopped when its clients are done.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { labs } from '../scripts/catalogue.ts';
import { createDataFile, createWorkDir } from '../scripts/lab/session.ts';
import { adapters, runtimeNames } from '../runtime-adapters/index.ts';
import { fetchFile, startLabServer } from './fixtures/lab-servers.ts';

const clients = 50;
const work = createWorkDir();
// Above Bun's 1 MiB sendfile threshold, so bun's sendfile rows really take the sendfile path.
const data = createDataFile(work.dir, 1.5 * 2 ** 20);

test.after(() => work.cleanup());

for (const lab of labs.filter((candidate) => candidate.id === '01' || candidate.id === '02')) {
  for (const runtime of runtimeNames) {
    for (const method of lab.methods.filter((name) => adapters[runtime].methods[name].available)) {
      test(`lab ${lab.id} ${runtime} ${method}: ${clients} concurrent clients each receive the whole file intact`, async () => {
        const server = await startLabServer(runtime, lab.slug, method, data.path);
        try {
          const received = await Promise.allSettled(
            Array.from({ length: clients }, () => fetchFile(lab.protocol as 'tcp' | 'http', server.port, 60_000)));
          const problems = received.flatMap((outcome, i) =>
            outcome.status === 'rejected' ? [`client ${i}: ${(outcome.reason as Error).message}`]
              : outcome.value.bytes !== data.bytes ? [`client ${i}: ${outcome.value.bytes} of ${data.bytes} bytes`]
                : outcome.value.sha256 !== data.sha256 ? [`client ${i}: wrong SHA-256`] : []);
          assert.equal(problems, [], `${problems.length} of ${clients} clients did not get the file`);
        } finally {
          await server.child.stop();
        }
      });
    }
  }
}

test.run();
