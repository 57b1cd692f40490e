// The Java finder: order of the candidates, versions, and what the user is told when none fits.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { findJava, javaCandidates, noJavaMessage, parseJavaVersion } = require('../../out/java.js');

test('versions are read from the banners Java prints', () => {
	assert.equal(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime'), 17);
	assert.equal(parseJavaVersion('java version "1.8.0_392"'), 8);
	assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
	assert.equal(parseJavaVersion('openjdk version "25-ea" 2025-09-16'), 25);
	assert.equal(parseJavaVersion('command not found'), undefined);
});

test('the setting comes first, then JAVA_HOME, then PATH', () => {
	const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-java-'));
	fs.writeFileSync(path.join(bin, 'java'), '#!/bin/sh\n', { mode: 0o755 });
	const candidates = javaCandidates('/opt/jdk-21', { JAVA_HOME: '/usr/lib/jvm/jdk-17', PATH: `/nowhere:${bin}` });
	assert.deepEqual(candidates.map(c => c.java),
		['/opt/jdk-21/bin/java', '/usr/lib/jvm/jdk-17/bin/java', path.join(bin, 'java')]);
	assert.deepEqual(javaCandidates('', { PATH: '/nowhere' }).map(c => c.java), [undefined, undefined, undefined]);
});

test('a Java that is too old or does not run is passed over, with the reason', async () => {
	const banners = { '/old/bin/java': 'openjdk version "11.0.2"', '/new/bin/java': 'openjdk version "17.0.1"' };
	const probe = async java => {
		if (!(java in banners)) {
			throw new Error(`spawn ${java} ENOENT`);
		}
		return banners[java];
	};
	const search = await findJava([
		{ source: 'the domino.java.home setting', java: '/broken/bin/java' },
		{ source: 'JAVA_HOME', java: '/old/bin/java' },
		{ source: 'PATH', java: '/new/bin/java' }], probe);
	assert.deepEqual(search.found, { java: '/new/bin/java', version: 17, source: 'PATH' });
	assert.match(search.rejected[0], /setting: \/broken\/bin\/java does not run/);
	assert.match(search.rejected[1], /JAVA_HOME: \/old\/bin\/java is Java 11, Domino needs 17 or newer/);
});

test('without any Java the message names every place that was tried', async () => {
	const search = await findJava(javaCandidates('', { PATH: '/nowhere' }));
	assert.equal(search.found, undefined);
	const message = noJavaMessage(search);
	assert.match(message, /needs Java 17 or newer/);
	assert.match(message, /domino\.java\.home setting: not set; JAVA_HOME: not set; PATH: not set/);
});

test('the real java of this machine is found and its version read', async () => {
	const java = execFileSync('sh', ['-c', 'command -v java']).toString().trim();
	const search = await findJava([{ source: 'PATH', java }]);
	assert.ok(search.found && search.found.version >= 17, JSON.stringify(search));
});
