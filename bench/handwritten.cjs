// bench/handwritten.cjs: the spam pipelines written by hand in plain JavaScript, as a speed
// yardstick for the generated bundles (js_dist/NAME.js). Never shipped, no dependencies.
//
//   const { fromConfig } = require('./bench/handwritten.cjs');
//   const transform = fromConfig(JSON.parse(fs.readFileSync('build/pipeline/featurizer.json')));
//   transform(texts)  // pipeline: one Int32Array(length) of ids per text; tfidf: one Float64Array per text
//
// It reads the fitted state (rules, vocabulary_, idf_ ...) from build/NAME/featurizer.json and
// supports exactly the steps and parameters the two spam pipelines use:
//   EmailBody > TextCleaner > Tokenizer (whitespace tokens, word n-grams) > Vocabulary > PadSequences | TfIdf
// Anything else throws an Error naming it. The semantics are the Python featurizers'
// (src/featurizers/*.py); tests/parity/test_handwritten_baseline.py checks the output equals the
// generated bundle's on the SpamAssassin corpus. Differences by design: lowercasing is the engine's
// String.prototype.toLowerCase (the bundle emulates CPython's Unicode database), and errors are
// plain Errors (no Python exception names or messages).
//
// As a command, it times both implementations in one process (see timeMain below):
//   node bench/handwritten.cjs NAME < corpus.json      (a JSON array of texts)
'use strict';

// CPython's str.isspace() set (featurizers._host.WHITESPACE), as a character-class body.
const WS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

// The patterns of src/featurizers/{mail,mime,text}.py, compiled once.
const HEADER_FIELD = /^[!-9;-~]+:/;
const FIELD_NAME = /^(subject|content-type|content-transfer-encoding|content-disposition):/i;
const MEDIA_TYPE = /^[!#-'*+.0-9A-Z^-~-]{1,127}\/[!#-'*+.0-9A-Z^-~-]{1,127}/;
const ANY_CASE_TAG = /<\/?[A-Za-z!][^<>]*>/g;
const BASE64_LINE = /^[A-Za-z0-9+/]+=*$|^=+$/;
const QP_RUN = /(?:=[0-9A-Fa-f]{2}|=\n|=$)+/g;
const QP_Q_RUN = /(?:=[0-9A-Fa-f]{2})+/g;
const QP_ESCAPE = /=([0-9A-Fa-f]{2})/g;
const ENCODED_WORD = /=\?([!->@-~]{1,64})\?([BbQq])\?([!->@-~]{0,4096})\?=/g;
const MAX_DEPTH = 16;
const HTML_TAG = /<\/?[a-z!][^<>]*>/gu;
const PUNCTUATION =
  /[!-\/:-@\[-`{-~\xa1-\xa9\xab-\xb1\xb4\xb6-\xb8\xbb\xbf\xd7\xf7\u2010-\u2027\u2030-\u205e\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]/gu;
const WHITESPACE_RUN = new RegExp(`[${WS}]+`, 'gu');
const TOKEN = new RegExp(`[^${WS}]+`, 'gu');

// --- config checks ---------------------------------------------------------------------------

function checkKeys(config, allowed) {
  for (const key of Object.keys(config)) {
    if (key !== 'type' && !allowed.includes(key)) {
      throw new Error(`handwritten ${config.type}: unsupported parameter '${key}'`);
    }
  }
}

function param(config, key, ok, expected) {
  const value = config[key];
  if (!ok(value)) {
    throw new Error(`handwritten ${config.type}: ${key} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const isBool = (v) => v === true || v === false;
const isNullish = (v) => v === null || v === undefined;
const flag = (config, key) => (config[key] === undefined ? true : param(config, key, isBool, 'true or false'));

// --- steps: each builds, from its config, a function of one document -------------------------

// EmailBody: what a mail reader shows: the Subject (folded lines joined by spaces, RFC 2047 encoded
// words decoded), "\n", then the body's text as MIME defines it (src/featurizers/mail.py, mime.py).
// A text whose first lines are not a message's header block passes through.
function emailBody(config) {
  checkKeys(config, []);
  return (text) => {
    const block = headerBlock(text, true);
    if (block === null) return text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text;
    const fields = headerFields(text.slice(0, block[0]).replaceAll('\r\n', '\n'));
    const body = entityText(fields, text.slice(block[1]), 0) ?? '';
    return (fields.subject === undefined ? '' : decodeWords(fields.subject)) + '\n' + body.replaceAll('\r\n', '\n');
  };
}

// [end of the header block, start of the body], or null: header lines (a field, or a first mbox
// "From " line, then fields and continuation lines) up to an empty line (dropped) or another line.
// A whole message needs two fields or the empty line.
function headerBlock(text, message) {
  let start = 0;
  let fields = 0;
  const lineEnd = (at) => (text[at - 2] === '\r' ? at - 2 : at - 1);
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text[end - 1] === '\r' ? end - 1 : end;
    if (stop === start) {
      if (start === 0 || (message && fields === 0)) return null;
      return [lineEnd(start), end + 1];
    }
    if (text[start] === ' ' || text[start] === '\t') {
      if (start === 0) return null;
    } else if ((start === 0 && text.startsWith('From ')) || HEADER_FIELD.test(text.slice(start, stop))) {
      fields++;
    } else if (start === 0) {
      return null;
    } else {
      break;
    }
    start = end + 1;
  }
  if (message && fields < 2) return null;
  return start >= text.length ? [text.length, text.length] : [lineEnd(start), start];
}

// The first Subject, Content-Type, Content-Transfer-Encoding and Content-Disposition, unfolded.
function headerFields(headers) {
  const fields = {};
  const lines = headers.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = FIELD_NAME.exec(lines[i]);
    const name = match === null ? null : match[1].toLowerCase();
    let value = name !== null && fields[name] === undefined ? lines[i].slice(lines[i].indexOf(':') + 1) : null;
    while (i + 1 < lines.length && (lines[i + 1][0] === ' ' || lines[i + 1][0] === '\t')) {
      i++;
      if (value !== null) value += ' ' + lines[i];
    }
    if (value !== null) fields[name] = value;
  }
  return fields;
}

// What a reader shows of an entity's body: its text, or null (an attachment, a non-text part).
function entityText(fields, body, depth) {
  const [media, params] = contentType(fields['content-type']);
  if (media.startsWith('multipart/')) {
    const boundary = params.get('boundary');
    const parts = boundary === undefined || depth >= MAX_DEPTH ? null : multipartParts(body.replaceAll('\r\n', '\n'), trim(boundary));
    if (parts === null) return body;
    const texts = [];
    for (const part of parts) {
      const block = headerBlock(part, false);
      const shown = block === null
        ? entityText({}, part.startsWith('\n') ? part.slice(1) : part, depth + 1)
        : entityText(headerFields(part.slice(0, block[0])), part.slice(block[1]), depth + 1);
      if (shown !== null) texts.push(shown);
    }
    return texts.length > 0 ? texts.join('\n') : null;
  }
  const disposition = fields['content-disposition'] ?? '';
  if (trim(disposition.split(';')[0]).toLowerCase() === 'attachment' || !media.startsWith('text/')) return null;
  const encoding = trim(fields['content-transfer-encoding'] ?? '').toLowerCase();
  let text = body;
  if (encoding === 'base64' || encoding === 'quoted-printable') {
    const codec = charsetCodec(params.get('charset'));
    const lines = body.replaceAll('\r\n', '\n');
    text = encoding === 'base64' ? (base64Body(lines, codec) ?? body) : quotedPrintable(lines, codec, false);
  }
  return media === 'text/html' ? text.replace(ANY_CASE_TAG, ' ') : text;
}

// [media type, Map of parameters]; text/plain without a valid type.
function contentType(value) {
  if (value === undefined) return ['text/plain', new Map()];
  const cut = value.indexOf(';');
  let media = trim(cut < 0 ? value : value.slice(0, cut));
  const match = MEDIA_TYPE.exec(media);
  if (match === null || match[0] !== media) media = 'text/plain';
  const params = new Map();
  let rest = cut < 0 ? '' : value.slice(cut + 1);
  while (rest.length > 0) {
    const semicolon = rest.indexOf(';');
    const equals = rest.indexOf('=');
    if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
      if (semicolon < 0) break;
      rest = rest.slice(semicolon + 1);
      continue;
    }
    const name = trim(rest.slice(0, equals)).toLowerCase();
    let j = equals + 1;
    while (rest[j] === ' ' || rest[j] === '\t') j++;
    let value;
    if (rest[j] === '"') {
      value = '';
      for (j++; j < rest.length && rest[j] !== '"'; j++) {
        if (rest[j] === '\\' && j + 1 < rest.length) j++;
        value += rest[j];
      }
    }
    const end = rest.indexOf(';', j);
    if (value === undefined) value = trim(end < 0 ? rest.slice(j) : rest.slice(j, end));
    if (!params.has(name)) params.set(name, value);
    if (end < 0) break;
    rest = rest.slice(end + 1);
  }
  return [media.toLowerCase(), params];
}

// The parts between the delimiter lines ("--boundary", then "--" for the last), or null.
function multipartParts(body, boundary) {
  if (boundary.length === 0) return null;
  const delimiter = '--' + boundary;
  const parts = [];
  let start = -1;
  for (let at = body.indexOf(delimiter); at >= 0; at = body.indexOf(delimiter, at + delimiter.length)) {
    if (at > 0 && body[at - 1] !== '\n') continue;
    let lineEnd = body.indexOf('\n', at + delimiter.length);
    if (lineEnd < 0) lineEnd = body.length;
    const rest = body.slice(at + delimiter.length, lineEnd);
    const last = rest.startsWith('--');
    if (trim(last ? rest.slice(2) : rest) !== '') continue;
    if (start >= 0) parts.push(body.slice(start, at > start ? at - 1 : start));
    if (last) return parts;
    start = lineEnd + 1;
  }
  if (start < 0) return null;
  parts.push(body.slice(start));
  return parts;
}

function charsetCodec(name) {
  if (name === undefined) return 'ascii';
  const lowered = trim(name).toLowerCase();
  if (lowered === 'utf-8' || lowered === 'utf8') return 'utf-8';
  if (lowered === 'us-ascii' || lowered === 'ascii') return 'ascii';
  if (lowered === 'windows-1252' || lowered === 'cp1252') return 'cp1252';
  return 'latin1';
}

// Bytes to text: TextDecoder for UTF-8 (keeping a BOM, as CPython does); the single-byte charsets
// by table (TextDecoder's windows-1252 maps the five undefined bytes to C1 controls, CPython's to U+FFFD).
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const CP1252 = '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';
function decodeBytes(bytes, codec) {
  if (codec === 'utf-8') return UTF8.decode(bytes);
  if (codec === 'latin1') return Buffer.from(bytes).toString('latin1');
  let out = '';
  for (const b of bytes) {
    out += b < 0x80 || (codec === 'cp1252' && b >= 0xa0) ? String.fromCharCode(b) : codec === 'cp1252' ? CP1252[b - 0x80] : '\ufffd';
  }
  return out;
}

// WHATWG's forgiving-base64, as atob implements it; null where it fails.
function base64Bytes(text) {
  try {
    return Buffer.from(atob(text), 'latin1');
  } catch {
    return null;
  }
}

// Base64 lines from the first on, up to a line of something else or one that ends with "=";
// null unless well formed (base64Bytes).
function base64Body(body, codec) {
  const lines = body.split('\n');
  let data = '';
  let k = 0;
  for (; k < lines.length; k++) {
    const line = lines[k].replace(/^[ \t\r\v\f]+|[ \t\r\v\f]+$/g, '');
    if (line.length === 0) continue;
    if (!BASE64_LINE.test(line)) break;
    data += line;
    if (line.endsWith('=')) {
      k++;
      break;
    }
  }
  const bytes = data.length > 0 ? base64Bytes(data) : null;
  if (bytes === null) return null;
  let text = decodeBytes(bytes, codec);
  while (k < lines.length && /^[ \t\r\v\f]*$/.test(lines[k])) k++;
  if (k < lines.length) text += '\n' + lines.slice(k).join('\n');
  return text;
}

// Runs of "=XX" escapes (and soft line breaks) decoded in the charset; any other "=" stays.
function quotedPrintable(text, codec, q) {
  if (q) text = text.replaceAll('_', ' ');
  if (!text.includes('=')) return text;
  return text.replace(q ? QP_Q_RUN : QP_RUN, (run) => {
    const bytes = [];
    for (const m of run.matchAll(QP_ESCAPE)) bytes.push(parseInt(m[1], 16));
    return bytes.length > 0 ? decodeBytes(Uint8Array.from(bytes), codec) : '';
  });
}

// RFC 2047: each encoded word decoded, the whitespace between two of them dropped.
function decodeWords(text) {
  if (!text.includes('=?')) return text;
  let out = '';
  let last = 0;
  let afterWord = false;
  for (const match of text.matchAll(ENCODED_WORD)) {
    const [word, charset, encoding, encoded] = match;
    const codec = charsetCodec(charset.split('*')[0]);
    let decoded = null;
    if (encoding === 'Q' || encoding === 'q') {
      decoded = quotedPrintable(encoded, codec, true);
    } else {
      const bytes = base64Bytes(encoded);
      if (bytes !== null) decoded = decodeBytes(bytes, codec);
    }
    const between = text.slice(last, match.index);
    if (!(afterWord && decoded !== null && trim(between) === '')) out += between;
    out += decoded ?? word;
    afterWord = decoded !== null;
    last = match.index + word.length;
  }
  return out + text.slice(last);
}

const trim = (s) => s.replace(/^[ \t\r\n\v\f]+|[ \t\r\n\v\f]+$/g, '');

// TextCleaner: lowercase, the rules, tags, punctuation, whitespace runs, then no edge spaces.
function textCleaner(config) {
  checkKeys(config, ['lowercase', 'rules', 'strip_html', 'strip_punctuation', 'collapse_whitespace', 'normalization_form', 'strip_accents']);
  for (const key of ['normalization_form', 'strip_accents']) {
    param(config, key, isNullish, 'null (only the default is supported)');
  }
  const lowercase = flag(config, 'lowercase');
  const collapse = flag(config, 'collapse_whitespace');
  const rules = param(config, 'rules', (v) => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && typeof r[1] === 'string'), 'a list of [pattern, replacement]');
  // Replacements are literal: '$' is escaped so that String.prototype.replace takes it as itself.
  const steps = rules.map(([pattern, replacement]) => [new RegExp(pattern, 'gu'), replacement.replaceAll('$', '$$$$')]);
  if (flag(config, 'strip_html')) steps.push([HTML_TAG, ' ']);
  if (flag(config, 'strip_punctuation')) steps.push([PUNCTUATION, ' ']);
  if (collapse) steps.push([WHITESPACE_RUN, ' ']);
  return (text) => {
    if (lowercase) text = text.toLowerCase();
    for (const [regexp, replacement] of steps) text = text.replace(regexp, replacement);
    if (collapse) {
      const start = text.startsWith(' ') ? 1 : 0;
      const end = text.length > start && text.endsWith(' ') ? text.length - 1 : text.length;
      if (start !== 0 || end !== text.length) text = text.slice(start, end);
    }
    return text;
  };
}

// Tokenizer: maximal runs of non-whitespace, then word n-grams of sizes min_n..max_n, by size then position.
function tokenizer(config) {
  checkKeys(config, ['ngram_range', 'analyzer']);
  if (config.analyzer !== undefined && config.analyzer !== 'word') {
    throw new Error(`handwritten Tokenizer: only analyzer 'word' is supported, got ${JSON.stringify(config.analyzer)}`);
  }
  const [minN, maxN] = config.ngram_range === undefined ? [1, 1] : param(config, 'ngram_range', (v) => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]) && v[0] >= 1 && v[0] <= v[1], '[min_n, max_n] with 1 <= min_n <= max_n');
  const tokens = (text) => text.match(TOKEN) || [];
  if (minN === 1 && maxN === 1) return tokens;
  return (text) => {
    const words = tokens(text);
    const count = words.length;
    const grams = minN === 1 ? words.slice() : [];
    for (let n = Math.max(minN, 2); n <= Math.min(maxN, count); n++) {
      for (let i = 0; i + n <= count; i++) {
        grams.push(n === 2 ? words[i] + ' ' + words[i + 1] : words.slice(i, i + n).join(' '));
      }
    }
    return grams;
  };
}

// Vocabulary: each token to its position in vocabulary_, and 1 (OOV) when it has none.
function vocabulary(config) {
  checkKeys(config, ['vocabulary_', 'max_tokens', 'min_count', 'oov_token', 'pad_token']);
  const tokens = param(config, 'vocabulary_', (v) => Array.isArray(v) && v.length >= 2 && v.every((t) => typeof t === 'string'), 'a list of at least 2 str');
  const index = new Map();
  for (let i = 0; i < tokens.length; i++) index.set(tokens[i], i); // a repeated token keeps its last id, as in Python
  return (words) => {
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = index.get(words[i]) ?? 1;
    return ids;
  };
}

// PadSequences: exactly `length` ids, cut or filled with `value` at the end ("post") or the start ("pre").
function padSequences(config) {
  checkKeys(config, ['length', 'padding', 'truncating', 'value']);
  const length = param(config, 'length', (v) => Number.isSafeInteger(v) && v >= 1, 'a positive int');
  const prePad = (config.padding ?? 'post') === 'pre';
  const preCut = (config.truncating ?? 'post') === 'pre';
  for (const key of ['padding', 'truncating']) {
    if (config[key] !== undefined) param(config, key, (v) => v === 'pre' || v === 'post', "'pre' or 'post'");
  }
  const value = config.value === undefined ? 0 : param(config, 'value', (v) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31, 'a 32-bit int');
  return (ids) => {
    const n = ids.length;
    if (n >= length) return preCut ? ids.slice(n - length) : ids.slice(0, length);
    const padded = new Int32Array(length);
    if (value !== 0) padded.fill(value);
    padded.set(ids, prePad ? length - n : 0);
    return padded;
  };
}

// TfIdf: row[t] = tf(t) * idf_[t], then divided by the row's l2 (or l1) norm unless that is 0.
// Ids are visited in ascending order so that the sums are Python's, to the last bit (the zeros
// Python adds too change nothing).
function tfIdf(config) {
  checkKeys(config, ['idf_', 'num_tokens', 'num_tokens_', 'norm', 'smooth_idf', 'sublinear_tf']);
  const size = param(config, 'num_tokens_', (v) => Number.isSafeInteger(v) && v >= 1, 'a positive int');
  if (!isNullish(config.num_tokens) && config.num_tokens !== size) {
    throw new Error(`handwritten TfIdf: num_tokens (${config.num_tokens}) differs from num_tokens_ (${size})`);
  }
  const idf = Float64Array.from(param(config, 'idf_', (v) => Array.isArray(v) && v.length === size && v.every((x) => typeof x === 'number' && x >= 0), 'a list of num_tokens_ numbers >= 0'));
  const norm = config.norm === undefined ? 'l2' : param(config, 'norm', (v) => v === 'l2' || v === 'l1' || v === null, "'l2', 'l1' or null");
  const sublinear = config.sublinear_tf === undefined ? false : param(config, 'sublinear_tf', isBool, 'true or false');
  return (ids) => {
    const row = new Float64Array(size);
    const seen = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < 0 || id >= size) throw new Error(`handwritten TfIdf: id ${id} outside 0..${size - 1}`);
      if (id === 0) continue; // padding is never counted
      if (row[id] === 0) seen.push(id);
      row[id] += 1;
    }
    if (seen.length === 0) return row;
    const order = Int32Array.from(seen).sort();
    let total = 0;
    for (let k = 0; k < order.length; k++) {
      const t = order[k];
      const value = (sublinear ? 1 + Math.log(row[t]) : row[t]) * idf[t];
      row[t] = value;
      total += norm === 'l2' ? value * value : value;
    }
    if (norm === null) return row;
    if (norm === 'l2') total = Math.sqrt(total);
    if (total === 0) return row;
    for (let k = 0; k < order.length; k++) row[order[k]] /= total;
    return row;
  };
}

const STEPS = { EmailBody: emailBody, TextCleaner: textCleaner, Tokenizer: tokenizer, Vocabulary: vocabulary, PadSequences: padSequences, TfIdf: tfIdf };

/** The transform of a fitted Pipeline config: texts (an array of str) -> one feature row per text. */
function fromConfig(config) {
  if (config === null || typeof config !== 'object' || (config.type !== undefined && config.type !== 'Pipeline') || !Array.isArray(config.steps)) {
    throw new Error('handwritten: expected a Pipeline config {"type": "Pipeline", "steps": [...]}');
  }
  const steps = config.steps.map((step) => {
    const build = step !== null && typeof step === 'object' && Object.hasOwn(STEPS, step.type) ? STEPS[step.type] : null;
    if (build === null) throw new Error(`handwritten: unsupported step type ${JSON.stringify(step && step.type)}`);
    return build(step);
  });
  if (steps.length === 0) throw new Error('handwritten: a Pipeline needs at least one step');
  const first = config.steps[0].type;
  if (first !== 'EmailBody' && first !== 'TextCleaner' && first !== 'Tokenizer') {
    throw new Error(`handwritten: a Pipeline of texts starts with a text step, not ${first}`);
  }
  return function transform(texts) {
    if (!Array.isArray(texts)) throw new TypeError('transform: expected an array of strings');
    const rows = new Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      let value = texts[i];
      if (typeof value !== 'string' || !value.isWellFormed()) {
        throw new TypeError(`transform: item ${i} is not a well-formed string`);
      }
      for (let s = 0; s < steps.length; s++) value = steps[s](value);
      rows[i] = value;
    }
    return rows;
  };
}

module.exports = { fromConfig };

// --- timing: generated bundle vs hand-written, one process --------------------------------------

function median(fn, texts, repeat) {
  fn(texts); // warm-up: the JIT compiles the hot paths
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    fn(texts);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function timeMain(name) {
  const fs = require('fs');
  const path = require('path');
  const root = path.resolve(__dirname, '..');
  const texts = JSON.parse(fs.readFileSync(0, 'utf8'));
  const config = JSON.parse(fs.readFileSync(path.join(root, 'build', name, 'featurizer.json'), 'utf8'));
  const generated = require(path.join(root, 'js_dist', `${name}.js`)).transform;
  const handwritten = fromConfig(config);
  const repeat = 5;
  const g = median(generated, texts, repeat);
  const h = median(handwritten, texts, repeat);
  process.stdout.write(
    `${name}: ${texts.length} texts, median of ${repeat} after a warm-up: generated ${g.toFixed(3)} s, ` +
      `hand-written ${h.toFixed(3)} s, generated/hand-written ${(g / h).toFixed(2)}x\n`,
  );
}

if (require.main === module) {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node bench/handwritten.cjs NAME < texts.json\n');
    process.exit(2);
  }
  timeMain(process.argv[2]);
}
