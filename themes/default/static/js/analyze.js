// Turning text into search terms exactly as the build does (src/search/analyze). Both sides
// run tests/vectors/analyzers.json; change one, change the other and the vectors.

const WORD_CHAR = /[\p{Alphabetic}\p{N}\p{M}]/u;
const DIGIT = /[0-9]/;

function isIdeograph(c) {
  const code = c.codePointAt(0);
  return (code >= 0x3040 && code <= 0x309f) || (code >= 0x3400 && code <= 0x4dbf)
    || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function isWordChar(c) {
  return c !== undefined && WORD_CHAR.test(c);
}

/** The words of `text`: runs of letters, marks and digits; each Han or Hiragana character alone. */
export function words(text) {
  const chars = [...text];
  const found = [];
  let current = '';
  const flush = () => {
    if (current) found.push(current);
    current = '';
  };
  chars.forEach((c, i) => {
    if (isIdeograph(c)) {
      flush();
      found.push(c);
    } else if (isWordChar(c)) {
      current += c;
    } else if (current && joins(chars, i)) {
      current += c;
    } else {
      flush();
    }
  });
  flush();
  return found;
}

function joins(chars, i) {
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (before === undefined || after === undefined) return false;
  if (chars[i] === "'" || chars[i] === '\u2019') return isWordChar(before) && isWordChar(after) && !isIdeograph(after);
  if (chars[i] === '.' || chars[i] === ',') return DIGIT.test(before) && DIGIT.test(after);
  return false;
}

const ARABIC_LETTERS = { 'ٱ': 'ا', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ى': 'ي', 'ئ': 'ي', 'ة': 'ه', 'ؤ': 'و' };

function foldChar(c, lang) {
  const code = c.codePointAt(0);
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x64b && code <= 0x65f) || code === 0x670) return '';
  if (code === 0x640 || c === "'" || c === '\u2019') return '';
  if (code >= 0x660 && code <= 0x669) return String.fromCharCode(48 + code - 0x660);
  if (code >= 0x6f0 && code <= 0x6f9) return String.fromCharCode(48 + code - 0x6f0);
  if (c === 'ł') return 'l';
  if (c === 'Ł') return 'L';
  if (lang === 'ar' && ARABIC_LETTERS[c]) return ARABIC_LETTERS[c];
  return c;
}

/** Lower case, accents and marks removed, digits made ASCII, Arabic letter forms unified. */
export function fold(word, lang) {
  let folded = '';
  for (const c of word.normalize('NFD')) folded += foldChar(c, lang).toLowerCase();
  return folded;
}

const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و'];
const AR_SUFFIXES = ['هما', 'كما', 'تها', 'تك', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ته', 'كم', 'هم', 'نا', 'ه', 'ي', 'ك'];

const length = (s) => [...s].length;

function stemArabic(word) {
  let stem = word;
  for (const prefix of AR_PREFIXES) {
    if (stem.startsWith(prefix)) {
      const rest = stem.slice(prefix.length);
      if (length(rest) >= (length(prefix) === 1 ? 4 : 2)) stem = rest;
      break;
    }
  }
  for (const suffix of AR_SUFFIXES) {
    if (stem.endsWith(suffix) && length(stem) - length(suffix) >= 3) {
      stem = stem.slice(0, stem.length - suffix.length);
      break;
    }
  }
  return stem;
}

const PL_ENDINGS = ['owania', 'owanie', 'aniem', 'iach', 'iami', 'ami', 'ach', 'owi', 'ego', 'emu', 'ych', 'ymi', 'ich',
  'imi', 'iej', 'iem', 'ow', 'om', 'em', 'ie', 'ia', 'iu', 'ii', 'ej', 'ym', 'im', 'a', 'e', 'i', 'o', 'u', 'y'];

function stemPolish(word) {
  for (const ending of PL_ENDINGS) {
    if (word.endsWith(ending) && length(word) - length(ending) >= 4) return word.slice(0, word.length - ending.length);
  }
  return word;
}

const EN_STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'do', 'for', 'from', 'has', 'have', 'i',
  'if', 'in', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'so', 'that', 'the', 'their', 'then', 'this',
  'to', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'will', 'with', 'you', 'your']);

function undouble(stem) {
  const chars = [...stem];
  const [a, b] = chars.slice(-2);
  if (chars.length >= 2 && a === b && /\p{Alphabetic}/u.test(a) && !'aeioulsz'.includes(a)) return chars.slice(0, -1).join('');
  return stem;
}

function stemEnglish(word) {
  const len = length(word);
  if (len >= 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (len >= 6 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (len >= 5 && word.endsWith('ed')) return undouble(word.slice(0, -2));
  if (len >= 5 && word.endsWith('es')) {
    const stem = word.slice(0, -2);
    return ['ss', 'sh', 'ch', 'x', 'z'].some((s) => stem.endsWith(s)) ? stem : word.slice(0, -1);
  }
  if (len >= 4 && word.endsWith('s')) {
    const stem = word.slice(0, -1);
    if (!(stem.endsWith('s') || stem.endsWith('u') || stem.endsWith('i'))) return stem;
  }
  return word;
}

/** The term of one word in `lang`, or null for a stop word. */
export function analyzeWord(word, lang) {
  const primary = (lang || '').split('-')[0];
  const folded = fold(word, primary);
  if (!folded) return null;
  if (primary === 'ar') return stemArabic(folded);
  if (primary === 'pl') return stemPolish(folded);
  if (primary === 'en') return EN_STOP_WORDS.has(folded) ? null : stemEnglish(folded);
  return folded;
}

/** `[{ term, position }]` of `text`, stop words removed but counted in positions. */
export function analyze(text, lang) {
  const tokens = [];
  words(text).forEach((word, position) => {
    const term = analyzeWord(word, lang);
    if (term) tokens.push({ term, position });
  });
  return tokens;
}
