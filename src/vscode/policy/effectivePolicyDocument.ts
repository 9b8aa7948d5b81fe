import * as vscode from 'vscode';
import { EFFECTIVE_POLICY_SCHEME } from '../../constants';
import { renderEffectivePolicy } from '../../core/policy/render';
import { Disposable } from '../disposable';
import type { PolicyService } from './policyService';

/** The read-only "Effective Policy" document: the core's annotated rendering, kept live. */
export class EffectivePolicyDocument extends Disposable implements vscode.TextDocumentContentProvider {
	static readonly uri = vscode.Uri.from({ scheme: EFFECTIVE_POLICY_SCHEME, path: '/Effective Policy.jsonc' });

	private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
	readonly onDidChange = this._onDidChange.event;

	constructor(private readonly policy: PolicyService) {
		super();
		this._register(vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_POLICY_SCHEME, this));
		this._register(policy.onDidChange(() => this._onDidChange.fire(EffectivePolicyDocument.uri)));
	}

	provideTextDocumentContent(): string {
		const effective = this.policy.effective;
		return effective ? renderEffectivePolicy(effective) : vscode.l10n.t('// The policy is still loading.');
	}

	async show(): Promise<void> {
		await this.policy.reload('show effective policy');
		const doc = await vscode.workspace.openTextDocument(EffectivePolicyDocument.uri);
		const shown = doc.languageId === 'jsonc' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'jsonc');
		await vscode.window.showTextDocument(shown, { preview: false });
	}
}
