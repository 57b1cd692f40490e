// Domino: Run in QEMU — the command line's `run` on a file, from the jar bundled with the extension,
// with the same JVM flags as the language server. Kept free of the vscode API for the unit tests.
import * as path from 'path';
import { JVM_FLAGS } from './server';

export interface RunCommandLine { command: string; args: string[]; cwd: string }

/** `java <flags> -jar domino.jar run FILE <extra>`, started in the file's folder (its paths are relative to it). */
export function runCommandLine(java: string, jar: string, file: string, extra: string[] = []): RunCommandLine {
	return { command: java, args: [...JVM_FLAGS, '-jar', jar, 'run', file, ...extra], cwd: path.dirname(file) };
}
