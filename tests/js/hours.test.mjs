// The browser's opening-hours rules against the vectors the Rust tests also run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { statusAt } from '../../themes/default/static/js/hours.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/hours.json', import.meta.url), 'utf8'));

for (const c of vectors.cases) {
  test(`hours: ${c.schedule} at ${c.now} (${c.why})`, () => {
    const status = statusAt(vectors.schedules[c.schedule].parsed, Date.parse(c.now));
    assert.equal(status.open, c.open);
    assert.equal(status.change === null ? null : new Date(status.change).toISOString().replace('.000', ''), c.change);
  });
}
