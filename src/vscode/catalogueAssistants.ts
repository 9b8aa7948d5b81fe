import * as vscode from 'vscode';
import { CATALOGUE } from '../core/assistants/catalogue';
import type { AssistantView } from '../core/exposure/model';
import type { AssistantSource } from './exposureProvider';
import { Disposable } from './disposable';

/**
 * The assistant source before governance is running: no assistant views of its own (the preview then shows
 * "Any assistant"), and the catalogue's instruction files, so those present in the workspace are listed.
 */
export class CatalogueOnlyAssistants extends Disposable implements AssistantSource {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private readonly globs = [...new Set(CATALOGUE.flatMap((e) => e.instructionFiles.map((f) => f.glob)))];

	views(): AssistantView[] {
		return [];
	}

	instructionGlobs(): readonly string[] {
		return this.globs;
	}
}
