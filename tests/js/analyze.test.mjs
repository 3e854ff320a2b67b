// The browser's analyser against the vectors the Rust analyser also runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../themes/default/static/js/analyze.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/analyzers.json', import.meta.url), 'utf8'));

for (const c of vectors.cases) {
  test(`analyze ${c.lang}: ${c.input}`, () => {
    assert.deepEqual(analyze(c.input, c.lang).map((t) => t.term), c.terms);
  });
}
