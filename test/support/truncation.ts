import assert from 'node:assert/strict';

/** Feeds every prefix of `bytes` to `parse`: each must return or throw an Error, never crash otherwise. */
export function assertEveryTruncationIsSafe(bytes: Buffer, parse: (b: Buffer) => unknown): void {
  for (let n = 0; n < bytes.length; n++) {
    try {
      parse(bytes.subarray(0, n));
    } catch (err) {
      assert.ok(err instanceof Error, `prefix of ${n} bytes threw a non-Error`);
    }
  }
}
