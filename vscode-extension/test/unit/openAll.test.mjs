// Domino: Check workspace's opening of files: one at a time, a second try, the rest named.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { openAll } = require('../../out/openAll.js');

test('every file is opened, one at a time, in order', async () => {
	const opened = [];
	let open = 0;
	const unopened = await openAll(['a', 'b', 'c'], async f => {
		assert.equal(open++, 0, 'no two files open at once');
		await new Promise(r => setTimeout(r, 5));
		opened.push(f);
		open--;
	});
	assert.deepEqual(opened, ['a', 'b', 'c']);
	assert.deepEqual(unopened, []);
});

test('a file that fails once is tried again and counts as opened', async () => {
	const tries = new Map();
	const unopened = await openAll(['a', 'b'], async f => {
		tries.set(f, (tries.get(f) ?? 0) + 1);
		if (f === 'a' && tries.get(f) === 1) {
			throw new Error('Assertion Failed: Argument is `undefined` or `null`.');
		}
	});
	assert.deepEqual(unopened, []);
	assert.equal(tries.get('a'), 2);
	assert.equal(tries.get('b'), 1);
});

test('a file that fails twice is named with its reason, and the files after it are still opened', async () => {
	const opened = [];
	const unopened = await openAll(['bad', 'good'], async f => {
		if (f === 'bad') {
			throw new Error('cannot open: binary');
		}
		opened.push(f);
	});
	assert.deepEqual(unopened, [{ file: 'bad', reason: 'cannot open: binary' }]);
	assert.deepEqual(opened, ['good']);
});
