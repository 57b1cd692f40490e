// Finds the Java 17+ that runs the language server: the domino.java.home setting, then JAVA_HOME,
// then java on PATH. No vscode import, so the unit tests run it under plain Node.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MINIMUM_JAVA = 17;

export interface JavaCandidate {
	/** where the candidate came from, as the user would name it */
	source: string;
	/** the java executable, or undefined when the source is not set */
	java?: string;
}

export interface FoundJava {
	java: string;
	version: number;
	source: string;
}

export interface JavaSearch {
	found?: FoundJava;
	/** one line per candidate that was not taken, and why */
	rejected: string[];
}

const executable = process.platform === 'win32' ? 'java.exe' : 'java';

/** The candidates in the order they are tried. */
export function javaCandidates(setting: string | undefined, env: NodeJS.ProcessEnv): JavaCandidate[] {
	const candidates: JavaCandidate[] = [];
	candidates.push({ source: 'the domino.java.home setting', java: setting ? path.join(setting, 'bin', executable) : undefined });
	candidates.push({ source: 'JAVA_HOME', java: env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', executable) : undefined });
	candidates.push({ source: 'PATH', java: onPath(env.PATH ?? '') });
	return candidates;
}

function onPath(searchPath: string): string | undefined {
	for (const dir of searchPath.split(path.delimiter)) {
		if (!dir) {
			continue;
		}
		const file = path.join(dir, executable);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	return undefined;
}

/** The feature release of a `java -version` banner: 'openjdk version "17.0.15"' is 17, '"1.8.0_392"' is 8. */
export function parseJavaVersion(banner: string): number | undefined {
	const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(banner);
	if (!match) {
		return undefined;
	}
	const major = Number(match[1]);
	return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

/** Runs `java -version` and reads its banner (printed on stderr). */
export function probeJava(java: string): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(java, ['-version'], { timeout: 20000 }, (error, stdout, stderr) => {
			if (error) {
				reject(error);
			} else {
				resolve(`${stderr}${stdout}`);
			}
		});
	});
}

export async function findJava(candidates: JavaCandidate[],
	probe: (java: string) => Promise<string> = probeJava): Promise<JavaSearch> {
	const rejected: string[] = [];
	for (const c of candidates) {
		if (!c.java) {
			rejected.push(`${c.source}: not set`);
			continue;
		}
		let banner: string;
		try {
			banner = await probe(c.java);
		} catch (e) {
			rejected.push(`${c.source}: ${c.java} does not run (${(e as Error).message.split('\n')[0]})`);
			continue;
		}
		const version = parseJavaVersion(banner);
		if (version === undefined) {
			rejected.push(`${c.source}: ${c.java} did not say its version`);
		} else if (version < MINIMUM_JAVA) {
			rejected.push(`${c.source}: ${c.java} is Java ${version}, Domino needs ${MINIMUM_JAVA} or newer`);
		} else {
			return { found: { java: c.java, version, source: c.source }, rejected };
		}
	}
	return { rejected };
}

/** The message for a user who has no usable Java. */
export function noJavaMessage(search: JavaSearch): string {
	return `Domino needs Java ${MINIMUM_JAVA} or newer to run its language server, and found none. `
		+ `Tried ${search.rejected.join('; ')}. Install a JDK ${MINIMUM_JAVA}+ and set domino.java.home to it.`;
}
