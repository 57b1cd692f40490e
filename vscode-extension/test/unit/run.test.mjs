// Domino: Run in QEMU: contributed, registered, and what it starts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { runCommandLine } = require('../../out/run.js');
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the command is contributed as Domino: Run in QEMU and offered for .domino files', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const command = pkg.contributes.commands.find(c => c.command === 'domino.runInQemu');
	assert.ok(command, 'domino.runInQemu is contributed');
	assert.equal(`${command.category}: ${command.title}`, 'Domino: Run in QEMU');
	assert.ok(pkg.contributes.menus.commandPalette.some(m => m.command === 'domino.runInQemu'
		&& m.when === 'editorLangId == domino'));
});

test('the extension registers the command', () => {
	const source = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
	assert.match(source, /registerCommand\('domino\.runInQemu'/);
	const bundle = path.join(root, 'out', 'extension.js');
	if (fs.existsSync(bundle)) {
		assert.match(fs.readFileSync(bundle, 'utf8'), /domino\.runInQemu/);
	}
});

test('it runs the bundled jar\'s run on the file, in the file\'s folder', () => {
	const r = runCommandLine('/usr/bin/java', '/ext/server/domino.jar', '/work/examples/qemu-virt/demo.domino',
		['--timeout', '60']);
	assert.equal(r.command, '/usr/bin/java');
	assert.deepEqual(r.args.slice(-6), ['-jar', '/ext/server/domino.jar', 'run', '/work/examples/qemu-virt/demo.domino',
		'--timeout', '60']);
	assert.ok(r.args.includes('-Xlog:disable'), 'the server\'s JVM flags');
	assert.equal(r.cwd, '/work/examples/qemu-virt');
});
