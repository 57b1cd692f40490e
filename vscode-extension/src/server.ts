// How the bundled language server is started: the same JVM flags as the command-line launcher,
// and a class-data-sharing archive made once per Java and server jar, in the extension's storage.
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Guice builds its injectors by reflection (faster to start); JVM messages never reach stdout. The
 * heap is the one the `domino` launcher gives `domino lsp`: a young generation a third of 128 MiB,
 * half of it survivor space, where an edit's analysis waits instead of being promoted.
 */
export const JVM_FLAGS = ['-XX:+UseSerialGC', '-Xms128m', '-XX:SurvivorRatio=2', '-Xss8m',
	'-Dguice_bytecode_gen_option=DISABLED', '-Xlog:disable', '-Xlog:all=error:stderr'];

export function serverJar(extensionPath: string): string {
	return path.join(extensionPath, 'server', 'domino.jar');
}

/** The archive for this Java and this jar: a new Java or a new jar gets a new archive. */
export function archivePath(storage: string, java: string, jar: string): string {
	const stat = fs.statSync(jar);
	const key = createHash('sha256').update(`${java}\0${jar}\0${stat.size}\0${stat.mtimeMs}`).digest('hex').slice(0, 16);
	return path.join(storage, `domino-lsp-${key}.jsa`);
}

export function serverArgs(jar: string, archive: string | undefined, extra: string[]): string[] {
	const args = [...JVM_FLAGS, ...extra];
	if (archive && fs.existsSync(archive)) {
		args.push(`-XX:SharedArchiveFile=${archive}`);
	}
	return [...args, '-jar', jar, 'lsp'];
}

function run(java: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(java, args, { timeout: 300000 }, error => (error ? reject(error) : resolve()));
	});
}

/**
 * Makes the archive in the background: a training run records the classes a language server
 * session loads, then the JVM dumps them pre-parsed. Written under a temporary name and renamed,
 * so a second window never reads half an archive.
 */
export async function makeArchive(java: string, jar: string, archive: string): Promise<boolean> {
	const failed = `${archive}.failed`; // a Java that cannot make one is not asked at every start
	if (fs.existsSync(archive) || fs.existsSync(failed)) {
		return fs.existsSync(archive);
	}
	fs.mkdirSync(path.dirname(archive), { recursive: true });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'domino-archive-'));
	try {
		const classes = path.join(work, 'classes');
		const dumped = path.join(work, 'archive.jsa');
		await run(java, [...JVM_FLAGS, `-XX:DumpLoadedClassList=${classes}`, '-jar', jar, 'train-archive', 'lsp']);
		await run(java, ['-XX:+UseSerialGC', '-Xlog:disable', '-Xshare:dump', `-XX:SharedClassListFile=${classes}`,
			`-XX:SharedArchiveFile=${dumped}`, '-cp', jar]);
		fs.copyFileSync(dumped, `${archive}.tmp`);
		fs.renameSync(`${archive}.tmp`, archive);
		return true;
	} catch (e) {
		fs.writeFileSync(failed, `${(e as Error).message}\n`);
		throw e;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}
