// The lines a lab server prints are checked when the runner receives them: a known message comes
// back typed, anything else is named as invalid (the runner then fails the row with that reason).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseServerMessage } from '../labs/protocol.ts';

const usage = { userSeconds: 0.01, sysSeconds: 0.02, voluntaryContextSwitches: 3, involuntaryContextSwitches: 1, minorPageFaults: 7, storageReadBytes: 0 };

test('the messages a server sends come back as they were sent', () => {
  assert.equal(parseServerMessage('{"ready":true,"port":40123}'), { ready: true, port: 40123 });
  assert.equal(parseServerMessage('{"ready":true}'), { ready: true });
  assert.equal(parseServerMessage('{"ready":true,"port":40123,"pacing":"go"}'), { ready: true, port: 40123, pacing: 'go' });
  assert.equal(parseServerMessage(JSON.stringify({ served: 2, usage })), { served: 2, usage });
  assert.equal(parseServerMessage('{"failed":"no such file"}'), { failed: 'no such file' });
  assert.equal(parseServerMessage('{"unavailable":"io_uring_setup: EPERM"}'), { unavailable: 'io_uring_setup: EPERM' });
  const report = { zerocopy: { sends: 64, notifications: 1, copiedSends: 64, copied: true, ranges: [{ first: 0, last: 63, copied: true }] } };
  assert.equal(parseServerMessage(JSON.stringify({ done: 1, seconds: 0.5, report })), { done: 1, seconds: 0.5, report });
});

test('anything else is invalid, with the line quoted', () => {
  for (const line of ['ready', '[1,2]', '{"ready":true,"port":70000}', '{"ready":true,"pacing":"fast"}', '{"served":1,"usage":{"userSeconds":"a"}}',
    '{"done":1,"seconds":-1}', '{"done":1,"seconds":1,"report":{"zerocopy":{"sends":1}}}', '{"hello":1}']) {
    const parsed = parseServerMessage(line);
    assert.ok('invalid' in parsed, `${line} should be invalid`);
  }
  const said = parseServerMessage('{"hello":1}');
  assert.match('invalid' in said ? said.invalid : '', /\{"hello":1\}/);
});

test.run();
