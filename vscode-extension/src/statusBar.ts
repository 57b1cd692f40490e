// The status-bar item of the active .domino file: its error count and, on MPU boards, the MPU
// regions the fullest domain uses of the budget.
import * as vscode from 'vscode';
import { MapResult } from './memoryMap';

export class DominoStatus implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('domino.status', vscode.StatusBarAlignment.Left, 50);
	private timer: NodeJS.Timeout | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(private readonly summary: (uri: vscode.Uri) => Promise<MapResult | undefined>) {
		this.item.name = 'Domino';
		this.item.command = 'domino.showMemoryMap';
		vscode.window.onDidChangeActiveTextEditor(() => this.schedule(), null, this.disposables);
		vscode.languages.onDidChangeDiagnostics(e => {
			const active = vscode.window.activeTextEditor?.document.uri.toString();
			if (e.uris.some(u => u.toString() === active)) {
				this.schedule();
			}
		}, null, this.disposables);
		this.schedule();
	}

	/** A message instead of counts (no Java, server stopped). */
	showProblem(text: string, tooltip: string): void {
		this.item.text = `$(warning) Domino: ${text}`;
		this.item.tooltip = tooltip;
		this.item.show();
	}

	schedule(): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.update(), 250);
	}

	private async update(): Promise<void> {
		const doc = vscode.window.activeTextEditor?.document;
		if (!doc || doc.languageId !== 'domino') {
			this.item.hide();
			return;
		}
		let result: MapResult | undefined;
		try {
			result = await this.summary(doc.uri);
		} catch {
			result = undefined;
		}
		if (vscode.window.activeTextEditor?.document !== doc) {
			return; // the user moved on while the server answered
		}
		const errors = result?.errors ?? vscode.languages.getDiagnostics(doc.uri)
			.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length;
		const parts = [errors === 0 ? '$(check) Domino' : `$(error) Domino: ${errors} error${errors === 1 ? '' : 's'}`];
		if (result?.mpu) {
			parts.push(`MPU ${result.mpu.used}/${result.mpu.budget}`);
		}
		this.item.text = parts.join(' · ');
		this.item.tooltip = [`${result?.kind ?? 'file'} ${result?.name ?? ''}`.trim(),
			`${errors} error(s), ${result?.warnings ?? 0} warning(s)`,
			result?.mpu ? `MPU regions while the fullest domain runs: ${result.mpu.usage}` : undefined,
			'Click to show the memory map'].filter(Boolean).join('\n');
		this.item.backgroundColor = errors > 0 || (result?.mpu && result.mpu.used > result.mpu.budget)
			? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
		this.item.show();
	}

	dispose(): void {
		clearTimeout(this.timer);
		this.item.dispose();
		this.disposables.forEach(d => d.dispose());
	}
}
