// The Domino extension: starts the bundled language server with a Java 17+, and adds the
// Compile, Run in QEMU, Check workspace and Show memory map commands and a status-bar item.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, State }
	from 'vscode-languageclient/node';
import { findJava, javaCandidates, noJavaMessage } from './java';
import { MapResult, MemoryMapPanel } from './memoryMap';
import { openAll } from './openAll';
import { runCommandLine } from './run';
import { archivePath, makeArchive, serverArgs, serverJar } from './server';
import { DominoStatus } from './statusBar';

let client: LanguageClient | undefined;
let log: vscode.OutputChannel;
let status: DominoStatus;
let javaFound: string | undefined;
let extensionPath = '';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	log = vscode.window.createOutputChannel('Domino');
	extensionPath = context.extensionPath;
	status = new DominoStatus(uri => summary(uri));
	context.subscriptions.push(log, status,
		vscode.commands.registerCommand('domino.compileFile', (uri?: vscode.Uri | string) => compile(uri)),
		vscode.commands.registerCommand('domino.runInQemu', (uri?: vscode.Uri | string) => runInQemu(uri)),
		vscode.commands.registerCommand('domino.checkWorkspace', () => checkWorkspace()),
		// the code lens passes the file's URI (a string), the system and the domain
		vscode.commands.registerCommand('domino.showMemoryMap', (uri?: vscode.Uri | string, system?: string) =>
			showMap(uri, system)),
		vscode.commands.registerCommand('domino.restartServer', async () => {
			await stop();
			await start(context);
		}),
		vscode.workspace.onDidChangeConfiguration(async e => {
			if (e.affectsConfiguration('domino.java.home') || e.affectsConfiguration('domino.server.vmArgs')) {
				await stop();
				await start(context);
			}
		}));
	await start(context);
}

export function deactivate(): Promise<void> {
	return stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
	const config = vscode.workspace.getConfiguration('domino');
	const search = await findJava(javaCandidates(config.get<string>('java.home'), process.env));
	search.rejected.forEach(r => log.appendLine(`java: ${r}`));
	if (!search.found) {
		const message = noJavaMessage(search);
		log.appendLine(message);
		status.showProblem('no Java 17+', message);
		const choice = await vscode.window.showErrorMessage(message, 'Open Settings');
		if (choice === 'Open Settings') {
			await vscode.commands.executeCommand('workbench.action.openSettings', 'domino.java.home');
		}
		return;
	}
	const { java, version, source } = search.found;
	javaFound = java;
	log.appendLine(`java: using ${java} (Java ${version}, from ${source})`);
	const jar = serverJar(context.extensionPath);
	if (!fs.existsSync(jar)) {
		const message = `Domino's language server is missing from the extension (${jar}): reinstall the extension.`;
		log.appendLine(message);
		status.showProblem('server missing', message);
		void vscode.window.showErrorMessage(message);
		return;
	}
	const archive = archivePath(context.globalStorageUri.fsPath, java, jar);
	const serverOptions: ServerOptions = {
		command: java,
		args: serverArgs(jar, archive, config.get<string[]>('server.vmArgs') ?? []),
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: [{ scheme: 'file', language: 'domino' }, { scheme: 'untitled', language: 'domino' }],
		// every file: a kernel or DTB a system loads changing on disk re-checks the open systems
		synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
		outputChannel: log,
		// the memory map is this extension's webview: the server must not announce the lens command too
		initializationOptions: { clientCommands: ['domino.showMemoryMap'] },
	};
	client = new LanguageClient('domino', 'Domino', serverOptions, clientOptions);
	client.onDidChangeState(e => {
		if (e.newState === State.Stopped) {
			status.showProblem('server stopped', 'The Domino language server stopped: see the Domino output channel.');
		}
	});
	try {
		await client.start();
	} catch (e) {
		log.appendLine(`the language server did not start: ${(e as Error).message}`);
		return;
	}
	status.schedule();
	// the next start is faster with a class-data-sharing archive; made once, in the background
	makeArchive(java, jar, archive).then(made => made && log.appendLine(`server: start-up archive ${archive}`),
		e => log.appendLine(`server: no start-up archive (${(e as Error).message.split('\n')[0]})`));
}

async function stop(): Promise<void> {
	const running = client;
	client = undefined;
	if (running && running.state === State.Running) {
		await running.stop();
	}
}

async function execute<T>(command: string, ...args: unknown[]): Promise<T> {
	if (!client || client.state !== State.Running) {
		throw new Error('the Domino language server is not running (see the Domino output channel)');
	}
	return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
}

function summary(uri: vscode.Uri): Promise<MapResult | undefined> {
	return client?.state === State.Running ? execute<MapResult>('domino.summary', uri.toString())
		: Promise.resolve(undefined);
}

/** The .domino file a command is about: its argument, else the active editor's. */
function targetFile(arg?: vscode.Uri | string): vscode.Uri | undefined {
	if (arg) {
		return typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
	}
	const doc = vscode.window.activeTextEditor?.document;
	if (doc?.languageId === 'domino') {
		return doc.uri;
	}
	void vscode.window.showWarningMessage('Domino: open a .domino file first.');
	return undefined;
}

/** The map of a file's system: the one a code lens names, else the file's first. */
async function showMap(arg?: vscode.Uri | string, system?: string): Promise<void> {
	const uri = targetFile(arg);
	if (uri) {
		await MemoryMapPanel.show(uri, u => typeof system === 'string'
			? execute<MapResult>('domino.memoryMap', u.toString(), system)
			: execute<MapResult>('domino.memoryMap', u.toString()), log);
	}
}

interface CompileResult { ok: boolean; output?: string; diagnostics?: string[]; error?: string }

async function compile(arg?: vscode.Uri | string): Promise<void> {
	const uri = targetFile(arg);
	if (!uri) {
		return;
	}
	const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
	if (doc?.isDirty) {
		await doc.save(); // the compiler reads the file from disk
	}
	if (uri.scheme !== 'file') {
		void vscode.window.showErrorMessage('Domino: save the file before compiling it.');
		return;
	}
	const file = path.basename(uri.fsPath);
	const configured = vscode.workspace.getConfiguration('domino', uri).get<string>('compile.outputFolder');
	let output: string | undefined;
	if (configured) {
		const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
		output = path.join(path.resolve(folder, configured), file.replace(/\.domino$/, ''));
	}
	let result: CompileResult;
	try {
		result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Compiling ${file}` },
			() => execute<CompileResult>('domino.compile', uri.toString(), ...(output ? [output] : [])));
	} catch (e) {
		void vscode.window.showErrorMessage(`Domino: ${file} was not compiled: ${(e as Error).message}`);
		return;
	}
	log.appendLine(`compile ${uri.fsPath}: ${result.ok ? `wrote ${result.output}` : 'failed, nothing written'}`);
	(result.diagnostics ?? []).forEach(d => log.appendLine(`  ${d}`));
	if (result.ok) {
		const where = vscode.workspace.asRelativePath(result.output ?? '', false);
		const warnings = result.diagnostics?.length ? ` (${result.diagnostics.length} warning(s))` : '';
		const choice = await vscode.window.showInformationMessage(`Domino: compiled ${file} into ${where}${warnings}`,
			'Open boot script');
		if (choice && result.output) {
			await vscode.window.showTextDocument(vscode.Uri.file(path.join(result.output, 'boot.source')));
		}
	} else {
		const reason = result.error ?? `${result.diagnostics?.filter(d => d.includes(': error[')).length ?? 0} error(s)`;
		const choice = await vscode.window.showErrorMessage(
			`Domino: ${file} was not compiled: ${reason}; earlier outputs are untouched`, 'Show Problems');
		if (choice) {
			await vscode.commands.executeCommand('workbench.actions.view.problems');
		}
	}
	await MemoryMapPanel.refreshIfOpen();
}

/** `domino run FILE` in a terminal: the console of the boot, each domain's lines marked, then the result. */
async function runInQemu(arg?: vscode.Uri | string): Promise<void> {
	const uri = targetFile(arg);
	if (!uri) {
		return;
	}
	const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
	if (doc?.isDirty) {
		await doc.save(); // run compiles the file from disk
	}
	if (uri.scheme !== 'file') {
		void vscode.window.showErrorMessage('Domino: save the file before running it.');
		return;
	}
	const jar = serverJar(extensionPath);
	if (!javaFound || !fs.existsSync(jar)) {
		void vscode.window.showErrorMessage('Domino: Run in QEMU needs Java 17+ and the bundled server (see the Domino'
			+ ' output channel).');
		return;
	}
	const extra = vscode.workspace.getConfiguration('domino', uri).get<string[]>('run.arguments') ?? [];
	const run = runCommandLine(javaFound, jar, uri.fsPath, extra);
	log.appendLine(`run: ${run.command} ${run.args.join(' ')}`);
	const terminal = vscode.window.createTerminal({ name: `Domino: run ${path.basename(uri.fsPath)}`,
		shellPath: run.command, shellArgs: run.args, cwd: run.cwd });
	terminal.show();
}

async function checkWorkspace(): Promise<void> {
	const files = await vscode.workspace.findFiles('**/*.domino', '{**/node_modules/**,**/out/**,**/target/**}');
	log.appendLine(`check workspace: ${files.length} file(s)`);
	const wanted = new Set(files.map(f => f.toString()));
	let listener: vscode.Disposable | undefined;
	const allDiagnosed = new Promise<void>(resolve => {
		listener = vscode.languages.onDidChangeDiagnostics(e => {
			e.uris.forEach(u => wanted.delete(u.toString()));
			if (wanted.size === 0) {
				resolve();
			}
		});
	});
	// opening each file makes the server check it as it is on disk or in an editor
	const unopened = await openAll(files, async f => vscode.workspace.openTextDocument(f));
	unopened.forEach(u => log.appendLine(`check workspace: cannot open ${u.file.fsPath}: ${u.reason}`));
	let timer: NodeJS.Timeout | undefined;
	// files without problems may get no new diagnostics
	await Promise.race([allDiagnosed, new Promise<void>(resolve => { timer = setTimeout(resolve, 5000); })]);
	clearTimeout(timer);
	listener?.dispose();
	let errors = 0;
	let warnings = 0;
	for (const f of files) {
		for (const d of vscode.languages.getDiagnostics(f)) {
			if (d.severity === vscode.DiagnosticSeverity.Error) {
				errors++;
			} else if (d.severity === vscode.DiagnosticSeverity.Warning) {
				warnings++;
			}
		}
	}
	const skipped = unopened.length > 0 ? ` (not opened: ${unopened.map(u => vscode.workspace.asRelativePath(u.file)).join(', ')})` : '';
	const message = `Domino: checked ${files.length} file(s): ${errors} error(s), ${warnings} warning(s)${skipped}`;
	log.appendLine(message);
	await vscode.commands.executeCommand('workbench.actions.view.problems');
	if (errors > 0) {
		void vscode.window.showErrorMessage(message);
	} else {
		void vscode.window.showInformationMessage(message);
	}
}
