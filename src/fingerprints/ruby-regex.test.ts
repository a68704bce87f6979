import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternError, translateRubyPattern } from './ruby-regex.js';

const compile = (pattern: string, flags?: string): RegExp => {
  const t = translateRubyPattern(pattern, flags);
  return new RegExp(t.source, t.flags);
};

test("Ruby's anchors: ^ and $ at every line, \\A and \\z at the text's ends, \\Z before a last newline", () => {
  assert.ok(compile('^second$').test('first\nsecond\nthird'));
  assert.ok(!compile('\\Asecond').test('first\nsecond'));
  assert.ok(compile('\\Afirst').test('first\nsecond'));
  assert.ok(compile('end\\z').test('the end'));
  assert.ok(!compile('end\\z').test('the end\n'));
  assert.ok(compile('end\\Z').test('the end\n'));
  assert.ok(!compile('end\\Z').test('the end\nmore'));
});

test('REG_DOT_NEWLINE (Ruby MULTILINE) lets the dot cross lines; REG_ICASE ignores case; both scoped with (?m:) and (?i:)', () => {
  assert.ok(!compile('^a.b$').test('a\nb'));
  assert.ok(compile('^a.b$', 'REG_DOT_NEWLINE').test('a\nb'));
  assert.ok(compile('^a.b$', 'REG_MULTILINE').test('a\nb'));
  assert.ok(compile('^a.b$', 'REG_ICASE,REG_LINE_ANY_CRLF').test('A\nB'));
  assert.ok(compile('^hello$', 'REG_ICASE').test('HeLLo'));
  assert.ok(compile('(?i)^hello').test('HELLO'));
  assert.ok(compile('^x(?i:abc)y$').test('xABCy'));
  assert.ok(!compile('^x(?i:abc)y$').test('XABCY'), 'the option is scoped to its group');
  assert.ok(compile('(?m:a.b)').test('a\nb'));
  assert.ok(compile('^[a-c-]+$', 'REG_ICASE').test('AbC-'), 'a class keeps its literal - when the other case is added');
  assert.ok(!compile('^[a-c-]+$', 'REG_ICASE').test('AbD'));
});

test('\\h, POSIX classes, {,n}, possessive quantifiers, atomic groups, comments and extended mode', () => {
  assert.ok(compile('^\\h+$').test('0aF9'));
  assert.ok(!compile('^\\h+$').test('0aG9'));
  assert.ok(compile('^[[:alpha:]][[:digit:]]+$').test('v123'));
  assert.ok(compile('^a{,2}b$').test('aab'));
  assert.ok(!compile('^a{,2}b$').test('aaab'));
  assert.ok(compile('^a++b$').test('aab'));
  assert.ok(compile('^(?>ab)c$').test('abc'));
  assert.ok(compile('^a(?#a comment)b$').test('ab'));
  assert.ok(compile('(?x) ^ a  b # trailing comment\n $').test('ab'));
});

test('a pattern that names a group captures only its named groups, as Ruby does', () => {
  const m = compile('^(ssh)-(?<version>[\\d.]+)$').exec('ssh-2.0');
  assert.equal(m?.[1], '2.0');
  assert.equal(m?.groups?.version, '2.0');
});

test('what the index may rely on: the longest literal outside groups, none with a top-level alternation or an optional character', () => {
  assert.equal(translateRubyPattern('^Cisco IOS Software, (\\S+)').literal, 'cisco ios software, ');
  assert.equal(translateRubyPattern('^abc|^def').literal, undefined);
  assert.equal(translateRubyPattern('^RouterX?OS').literal, 'router');
  assert.equal(translateRubyPattern('^(?:foo|bar)baz').literal, 'baz');
  assert.equal(translateRubyPattern('^Open\\.SSH_').literal, 'open.ssh_');
});

test("whether V8's linear-time engine can take over: not with lookaround, back-references or large bounded repetition", () => {
  assert.equal(translateRubyPattern('^(a+)+$', 'REG_ICASE').linear, true, 'case-insensitivity is written into the pattern');
  assert.equal(translateRubyPattern('^(?=a)b').linear, false);
  assert.equal(translateRubyPattern('^(a)\\1').linear, false);
  assert.equal(translateRubyPattern('^a{1,64}$').linear, false);
  assert.equal(translateRubyPattern('^(?:a{1,4}){1,4}$').linear, true);
  assert.equal(translateRubyPattern('end\\z').linear, false);
});

test('(a+)* and (a+)+ read as (a+)? and (a+): the same matches without exponential backtracking', () => {
  const t = translateRubyPattern('^x (.+)* http');
  assert.equal(t.source, '^x ([^\\n]+)? http');
  assert.equal(new RegExp(t.source, t.flags).exec('x some words http://')?.[1], 'some words');
});

test('constructs without a JavaScript form are refused with a reason', () => {
  for (const [pattern, flags] of [['\\Gabc'], ['[a-z&&[^aeiou]]'], ['(?~abc)'], ['abc', 'REG_UNKNOWN'], ['(abc'], ['abc)'], ['*a'], ['[[:^alpha:]]']] as Array<[string, string?]>) {
    assert.throws(() => translateRubyPattern(pattern, flags), PatternError, pattern);
  }
});
