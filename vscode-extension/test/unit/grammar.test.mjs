// The TextMate grammar, tokenized by the library VS Code itself uses (vscode-textmate with the
// Oniguruma regex engine): keywords, names, numbers, strings and comments get their scopes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new textmate.Registry({
	onigLib: Promise.resolve({
		createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
		createOnigString: s => new oniguruma.OnigString(s),
	}),
	loadGrammar: async () => textmate.parseRawGrammar(
		fs.readFileSync(new URL('../../syntaxes/domino.tmLanguage.json', import.meta.url), 'utf8'), 'domino.tmLanguage.json'),
});
const grammar = await registry.loadGrammar('source.domino');

/** Each token's text with its innermost scope, line by line. */
function tokens(text) {
	let state = textmate.INITIAL;
	const out = [];
	for (const line of text.split('\n')) {
		const r = grammar.tokenizeLine(line, state);
		for (const t of r.tokens) {
			const piece = line.slice(t.startIndex, t.endIndex);
			if (piece.trim()) {
				out.push([piece.trim(), t.scopes[t.scopes.length - 1]]);
			}
		}
		state = r.ruleStack;
	}
	return out;
}

function scopeOf(text, piece) {
	const found = tokens(text).find(([p]) => p === piece);
	assert.ok(found, `no token "${piece}" in ${JSON.stringify(tokens(text))}`);
	return found[1];
}

const SYSTEM = `import "qemu-virt.domino"
system demo on qemu_virt {
    xen 4.17 { image "bin/xen" heap 512M }  // the hypervisor
    /* two domains
       share one kernel */
    domain web { memory 128M kernel linux at 0x4040_0000 console vpl011 passthrough uart1 force-assign }
}`;

test('declarations: the keyword, and the name it declares', () => {
	assert.equal(scopeOf(SYSTEM, 'system'), 'keyword.declaration.domino');
	assert.equal(scopeOf(SYSTEM, 'demo'), 'entity.name.type.domino');
	assert.equal(scopeOf(SYSTEM, 'domain'), 'keyword.declaration.domino');
	assert.equal(scopeOf(SYSTEM, 'web'), 'entity.name.type.domino');
	assert.equal(scopeOf(SYSTEM, 'qemu_virt'), 'entity.name.type.domino');
});

test('keywords, constants, numbers and versions', () => {
	assert.equal(scopeOf(SYSTEM, 'import'), 'keyword.control.import.domino');
	assert.equal(scopeOf(SYSTEM, 'memory'), 'keyword.other.domino');
	assert.equal(scopeOf(SYSTEM, 'force-assign'), 'keyword.other.domino');
	assert.equal(scopeOf(SYSTEM, 'vpl011'), 'constant.language.domino');
	assert.equal(scopeOf(SYSTEM, '4.17'), 'constant.numeric.version.domino');
	assert.equal(scopeOf(SYSTEM, '0x4040_0000'), 'constant.numeric.hex.domino');
	assert.equal(scopeOf(SYSTEM, '512M'), 'constant.numeric.domino');
	// a name that merely contains a keyword is not one
	assert.equal(tokens('device uart1 { }').find(([p]) => p === 'uart1')[1], 'entity.name.type.domino');
	assert.notEqual(scopeOf(SYSTEM, 'linux'), 'keyword.other.domino');
});

test('strings and comments, a block comment across lines', () => {
	assert.equal(scopeOf(SYSTEM, 'qemu-virt.domino'), 'string.quoted.double.domino');
	assert.equal(scopeOf(SYSTEM, '// the hypervisor'), 'comment.line.double-slash.domino');
	const block = tokens(SYSTEM).filter(([, s]) => s === 'comment.block.domino').map(([p]) => p.trim());
	assert.ok(block.includes('share one kernel') && block.includes('*/'), JSON.stringify(block));
	// a keyword inside a string stays string
	assert.equal(scopeOf('bootargs "console=dtuart domain"', 'console=dtuart domain'), 'string.quoted.double.domino');
});
