// Domino: Check workspace opens every .domino file so that the server checks it. Kept free of the
// vscode API for the unit tests.

/**
 * Opens the files one at a time, each with a second try (opening many documents at once has failed
 * inside VS Code with "Argument is undefined"). Returns the files that still could not be opened,
 * each with its reason, so the command can name them instead of failing as a whole.
 */
export async function openAll<F>(files: readonly F[], open: (f: F) => Promise<unknown>):
		Promise<{ file: F; reason: string }[]> {
	const unopened: { file: F; reason: string }[] = [];
	for (const f of files) {
		try {
			await open(f).catch(() => open(f));
		} catch (e) {
			unopened.push({ file: f, reason: e instanceof Error ? e.message : String(e) });
		}
	}
	return unopened;
}
