// "Domino: Show memory map": the SVG map of a system in a webview beside the editor, refreshed
// when a .domino file is saved; clicking a region opens its declaration.
import * as path from 'path';
import * as vscode from 'vscode';

export interface MapResult {
	name?: string;
	kind?: string;
	svg?: string;
	errors?: number;
	warnings?: number;
	error?: string;
	mpu?: { usage: string; used: number; budget: number };
}

export type MapSource = (uri: vscode.Uri) => Promise<MapResult>;

export class MemoryMapPanel {
	static readonly viewType = 'domino.memoryMap';
	private static current: MemoryMapPanel | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	private constructor(private readonly panel: vscode.WebviewPanel, private uri: vscode.Uri,
		private readonly source: MapSource, private readonly log: vscode.OutputChannel) {
		panel.onDidDispose(() => this.dispose(), null, this.disposables);
		panel.webview.onDidReceiveMessage(m => this.onMessage(m), null, this.disposables);
		vscode.workspace.onDidSaveTextDocument(doc => {
			if (doc.languageId === 'domino') {
				void this.refresh(); // an imported board changes the system's map too
			}
		}, null, this.disposables);
	}

	static async show(uri: vscode.Uri, source: MapSource, log: vscode.OutputChannel): Promise<void> {
		if (MemoryMapPanel.current) {
			MemoryMapPanel.current.uri = uri;
			MemoryMapPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
		} else {
			const panel = vscode.window.createWebviewPanel(MemoryMapPanel.viewType, 'Memory map',
				{ viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
				{ enableScripts: true, localResourceRoots: [] });
			MemoryMapPanel.current = new MemoryMapPanel(panel, uri, source, log);
		}
		await MemoryMapPanel.current.refresh();
	}

	static refreshIfOpen(): Promise<void> {
		return MemoryMapPanel.current?.refresh() ?? Promise.resolve();
	}

	private async refresh(): Promise<void> {
		let result: MapResult;
		try {
			result = await this.source(this.uri);
		} catch (e) {
			result = { error: (e as Error).message };
		}
		const file = path.basename(this.uri.fsPath);
		this.panel.title = `Memory map: ${result.name ?? file}`;
		this.panel.webview.html = page(this.panel.webview, file, result);
	}

	private async onMessage(message: { type: string; file?: string; line?: number; column?: number }): Promise<void> {
		if (message.type !== 'reveal' || !message.file) {
			return;
		}
		const target = vscode.Uri.file(path.resolve(path.dirname(this.uri.fsPath), message.file));
		const line = Math.max((message.line ?? 1) - 1, 0);
		const column = Math.max((message.column ?? 1) - 1, 0);
		try {
			const doc = await vscode.workspace.openTextDocument(target);
			const position = new vscode.Position(line, column);
			await vscode.window.showTextDocument(doc, {
				viewColumn: vscode.ViewColumn.One,
				selection: new vscode.Range(position, position),
			});
		} catch (e) {
			this.log.appendLine(`memory map: cannot open ${target.fsPath}: ${(e as Error).message}`);
		}
	}

	private dispose(): void {
		MemoryMapPanel.current = undefined;
		this.disposables.forEach(d => d.dispose());
	}
}

function escape(text: string): string {
	return text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c] as string));
}

function page(webview: vscode.Webview, file: string, result: MapResult): string {
	const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
	const problems = result.errors || result.warnings
		? `${result.errors ?? 0} error(s), ${result.warnings ?? 0} warning(s)` : 'no problems';
	const header = result.error
		? `<p class="error">${escape(file)}: ${escape(result.error)}</p>`
		: `<p class="summary"><b>${escape(result.kind ?? 'system')} ${escape(result.name ?? '')}</b> · ${escape(file)} · `
			+ `${escape(problems)}${result.mpu ? ` · MPU ${escape(result.mpu.usage)}` : ''}`
			+ ' · click a region to open its declaration</p>';
	// the SVG comes from our own emitter, which escapes every name it writes
	const svg = result.svg ? result.svg.replace(/^<\?xml[^>]*>\s*/, '') : '';
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${webview.cspSource}; script-src 'nonce-${nonce}';">
<style>
body { background: #fcfcfc; color: #222; font-family: var(--vscode-font-family); margin: 8px; }
.summary { margin: 4px 0 8px; } .error { color: #b00020; font-weight: bold; }
svg { width: 100%; max-width: 1200px; height: auto; } g.region { cursor: pointer; } g.region:hover rect { stroke: #0060c0; stroke-width: 2; }
</style></head>
<body><div id="map">${header}${svg}</div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', event => {
	const region = event.target.closest && event.target.closest('g.region');
	if (region && region.dataset.file) {
		vscode.postMessage({ type: 'reveal', file: region.dataset.file, line: Number(region.dataset.line),
			column: Number(region.dataset.column) });
	}
});
</script></body></html>`;
}
