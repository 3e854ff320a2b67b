// Excerpts around the first matched word: which words count as words, and where the window
// falls in a long text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerptAround } from '../../themes/default/static/js/excerpt.js';

// Short texts come back whole when a word matches, so these cases test the matching.
const cases = [
  { why: 'a plain word', lang: 'en', text: 'Refunds take five days.', terms: ['refund'], matches: true },
  { why: 'no word matches', lang: 'en', text: 'Refunds take five days.', terms: ['parcel'], matches: false },
  { why: 'an apostrophe inside a word', lang: 'en', text: "The customer's order", terms: ['customer'], matches: true },
  { why: 'a curly apostrophe inside a word', lang: 'en', text: 'The customer’s order', terms: ['customer'], matches: true },
  { why: 'an emoji ends a word', lang: 'en', text: 'Your 😀refund', terms: ['refund'], matches: true },
  { why: 'an astral letter is part of its word', lang: 'en', text: 'Your 𠀀refund', terms: ['refund'], matches: false },
  { why: 'a hyphen splits words', lang: 'en', text: 'Order JL-482113 shipped', terms: ['482113'], matches: true },
  { why: 'Polish diacritics fold', lang: 'pl', text: 'Zwrot pieniędzy trwa 5 dni.', terms: ['pieniedz'], matches: true },
  { why: 'Arabic marks and hamza fold', lang: 'ar', text: 'سياسةُ الإرجاعِ', terms: ['ارجاع'], matches: true },
  { why: 'a word split by a mark-less dash', lang: 'ar', text: 'سياسة-الإرجاع', terms: ['ارجاع'], matches: true },
];

for (const c of cases) {
  test(`excerpt ${c.lang}: ${c.why}`, () => {
    assert.equal(excerptAround(c.text, c.lang, new Set(c.terms)), c.matches ? c.text : null);
  });
}

test('excerpt of a long text starts a little before the match, at a word', () => {
  const text = `${'filler '.repeat(60)}refund ${'more '.repeat(60)}`.trim();
  const excerpt = excerptAround(text, 'en', new Set(['refund']));
  assert.ok(excerpt.startsWith('… filler'), excerpt);
  assert.ok(excerpt.endsWith(' …'), excerpt);
  assert.ok(excerpt.includes('refund'), excerpt);
  const shown = excerpt.slice(2, -2);
  assert.ok(text.includes(shown), 'the window is a piece of the text');
  assert.ok(text.indexOf(shown) >= text.indexOf('refund') - 60, 'no more than about 50 characters before the match');
});

test('excerpt at the end of a long text shows its last 160 characters', () => {
  const text = `${'filler '.repeat(60)}refund`;
  const excerpt = excerptAround(text, 'en', new Set(['refund']));
  assert.equal(excerpt, `… ${text.slice(-160).trim()}`);
});

test('excerpt of the same words is the same with the memory of analysed words full', () => {
  const words = Array.from({ length: 25000 }, (_, i) => `w${i}x`).join(' ');
  assert.equal(excerptAround(words, 'en', new Set(['nothing'])), null);
  assert.equal(excerptAround('Refunds take five days.', 'en', new Set(['refund'])), 'Refunds take five days.');
});
