import type * as vscode from 'vscode';

/** A base for services that own disposables; they are disposed in reverse order of registration. */
export abstract class Disposable implements vscode.Disposable {
	private readonly disposables: vscode.Disposable[] = [];
	private disposed = false;

	protected get isDisposed(): boolean {
		return this.disposed;
	}

	protected _register<T extends vscode.Disposable>(d: T): T {
		if (this.disposed) {
			d.dispose();
		} else {
			this.disposables.push(d);
		}
		return d;
	}

	dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		while (this.disposables.length) {
			try {
				this.disposables.pop()?.dispose();
			} catch {
				// Disposal must go on for the rest.
			}
		}
	}
}
