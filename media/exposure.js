// Context Warden: the exposure preview's webview script. Plain JavaScript, no build step, no framework.
//
// Security: everything that comes from the workspace (file names, reasons, file text) and every label is inserted
// with textContent / createTextNode / setAttribute, never as HTML. The page runs under a CSP with a nonce; there
// is no inline style and no inline handler.
//
// State (vscode.setState): which sections are open, the scroll position and the filter. VS Code hands it back
// with getState() when the webview is rebuilt (shown again, or restored after a restart by the serializer).
(function () {
	'use strict';

	const PROTOCOL_VERSION = 1;
	const LEVELS = ['public', 'internal', 'confidential', 'restricted'];
	const VERDICTS = ['sent', 'excluded-by-assistant', 'blocked-by-warden', 'assistant-disabled'];

	const vscode = acquireVsCodeApi();
	const root = document.getElementById('root');

	/** @type {{ v: number, open: Record<string, boolean>, scrollY: number, filter: string }} */
	const state = readState();
	let labels = null;
	let lastSeq = 0;
	let nextRequestId = 1;
	const pending = new Map();

	function readState() {
		const s = vscode.getState();
		const fresh = { v: 1, open: Object.create(null), scrollY: 0, filter: '' };
		if (!s || typeof s !== 'object' || s.v !== 1) {
			return fresh;
		}
		return {
			v: 1,
			open: s.open && typeof s.open === 'object' ? Object.assign(Object.create(null), s.open) : Object.create(null),
			scrollY: typeof s.scrollY === 'number' && s.scrollY >= 0 ? s.scrollY : 0,
			filter: typeof s.filter === 'string' ? s.filter : '',
		};
	}

	function saveState() {
		vscode.setState({ v: 1, open: state.open, scrollY: state.scrollY, filter: state.filter });
	}

	function request(message) {
		const requestId = nextRequestId++;
		vscode.postMessage(Object.assign({ requestId }, message));
		return requestId;
	}

	// ---- small DOM helpers: text only ----------------------------------------------------------------------

	/** Creates an element with classes and, optionally, text content. Never parses HTML. */
	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) {
			node.className = className;
		}
		if (text !== undefined && text !== null) {
			node.textContent = String(text);
		}
		return node;
	}

	/** Appends to `table` a header row of column headers, one per label. */
	function tableHead(table, columns) {
		const thead = el('thead');
		const hr = el('tr');
		for (const h of columns) {
			const th = el('th', null, h);
			th.scope = 'col';
			hr.appendChild(th);
		}
		thead.appendChild(hr);
		table.appendChild(thead);
	}

	/**
	 * A path as text with a line-break opportunity after each `/` (and `.`, `-`, `_` in long names), so a narrow panel
	 * wraps it between its parts, never in the middle of a word. Built from text nodes and <wbr>: never HTML.
	 */
	function pathNode(className, path) {
		const span = el('span', className);
		const parts = String(path).split(/(?<=[/\\])/);
		parts.forEach((part, i) => {
			if (i > 0) {
				span.appendChild(document.createElement('wbr'));
			}
			span.appendChild(document.createTextNode(part));
		});
		return span;
	}

	/** A table cell that says what it holds: the narrow layout shows `label` before the value. */
	function cellWith(className, label) {
		const td = el('td', className);
		td.dataset.label = label;
		return td;
	}

	/** Fills `{0}` in a label template with a value, as plain text (no `$` patterns, no HTML). */
	function fmt(template, value) {
		return String(template).replace(/\{0\}/g, () => String(value));
	}

	function oneOf(value, allowed, fallback) {
		return allowed.indexOf(value) >= 0 ? value : fallback;
	}

	function button(text, ariaLabel, focusKey, onActivate, extraClass) {
		const b = el('button', extraClass ? 'action ' + extraClass : 'action', text);
		b.type = 'button';
		b.setAttribute('aria-label', ariaLabel);
		b.dataset.focusKey = focusKey;
		b.addEventListener('click', () => onActivate(b));
		return b;
	}

	/** A collapsible section whose open state is kept in `state.open[key]`. */
	function section(key, defaultOpen, className, summaryContent) {
		const details = el('details', className);
		details.open = Object.prototype.hasOwnProperty.call(state.open, key) ? state.open[key] === true : defaultOpen;
		const summary = el('summary');
		summary.dataset.focusKey = 'summary|' + key;
		for (const part of summaryContent) {
			summary.appendChild(part);
		}
		details.appendChild(summary);
		details.addEventListener('toggle', () => {
			state.open[key] = details.open;
			saveState();
		});
		return details;
	}

	// ---- the static frame ------------------------------------------------------------------------------------

	let frame = null;

	function buildFrame() {
		root.replaceChildren();
		const header = el('header', 'page-header');
		const h1 = el('h1', 'title');
		h1.appendChild(el('span', 'badge estimate', labels.estimateBadge));
		h1.appendChild(document.createTextNode(' ' + labels.title));
		header.appendChild(h1);
		header.appendChild(el('p', 'estimate-note', labels.estimateNote));

		const totals = el('section', 'totals');
		totals.setAttribute('aria-live', 'polite');

		const filterRow = el('div', 'filter-row');
		const input = el('input', 'filter');
		input.type = 'search';
		input.id = 'cw-filter';
		input.value = state.filter;
		input.setAttribute('aria-label', labels.filterLabel);
		input.placeholder = labels.filterLabel;
		input.addEventListener('input', () => {
			state.filter = input.value;
			saveState();
			applyFilter();
		});
		filterRow.appendChild(input);

		const status = el('div', 'status');
		status.setAttribute('role', 'status');
		status.setAttribute('aria-live', 'polite');

		const content = el('div', 'content');
		root.appendChild(header);
		root.appendChild(totals);
		root.appendChild(filterRow);
		root.appendChild(status);
		root.appendChild(content);
		frame = { totals, input, status, content, labelsKey: JSON.stringify(labels) };
	}

	// ---- rendering ---------------------------------------------------------------------------------------------

	function destinationList(box, intro, items, className) {
		if (!items || !items.length) {
			return;
		}
		if (intro) {
			box.appendChild(el('p', 'detail', intro));
		}
		const ul = el('ul', 'destinations ' + className);
		for (const d of items) {
			ul.appendChild(el('li', null, d));
		}
		box.appendChild(ul);
	}

	/** The totals of the one list: distinct sensitive files (the status bar's count), what would be sent, and where. */
	function renderPreviewTotals(view) {
		const t = view.preview.totals;
		const box = frame.totals;
		box.replaceChildren();
		box.dataset.sensitiveFiles = String(Number(t.sensitiveFiles) || 0);
		box.appendChild(el('p', t.sensitive ? 'headline warn' : 'headline', t.headline));
		if (t.detail) {
			box.appendChild(el('p', 'detail', t.detail));
		}
		destinationList(box, t.notAllowedIntro, t.notAllowed, 'not-allowed');
		destinationList(box, t.allowedIntro, t.allowed, 'allowed');
		box.appendChild(el('p', 'muted small', view.generatedAt));
	}

	function renderTotals(view) {
		if (view.preview) {
			renderPreviewTotals(view);
			return;
		}
		const t = view.totals;
		const box = frame.totals;
		box.replaceChildren();
		box.appendChild(el('p', t.sensitive ? 'headline warn' : 'headline', t.headline));
		if (t.detail) {
			box.appendChild(el('p', 'detail', t.detail));
		}
		if (t.destinations && t.destinations.length) {
			if (t.destinationsIntro) {
				box.appendChild(el('p', 'detail', t.destinationsIntro));
			}
			const ul = el('ul', 'destinations');
			for (const d of t.destinations) {
				ul.appendChild(el('li', null, d));
			}
			box.appendChild(ul);
		}
		box.appendChild(el('p', 'muted small', view.generatedAt));
	}

	function actionsFor(item, sectionKey) {
		const cell = el('td', 'actions');
		const row = el('div', 'button-row');
		const id = sectionKey + '|' + item.path + '|' + (item.part || '');
		row.appendChild(
			button(labels.open, fmt(labels.openAria, item.path), 'open|' + id, () => act({ type: 'openFile', path: item.path })),
		);
		if (item.closable) {
			row.appendChild(
				button(labels.closeTab, fmt(labels.closeTabAria, item.path), 'close|' + id, () =>
					act({ type: 'closeTab', path: item.path }),
				),
			);
		}
		row.appendChild(
			button(labels.explain, fmt(labels.explainAria, item.path), 'explain|' + id, () =>
				act({ type: 'explainFile', path: item.path }),
			),
		);
		cell.appendChild(row);
		return cell;
	}

	function row(item, sectionKey) {
		const level = oneOf(item.level, LEVELS, 'public');
		const verdict = oneOf(item.verdict, VERDICTS, 'sent');
		const tr = el('tr', item.sensitive ? 'item sensitive' : 'item');
		tr.dataset.path = String(item.path).toLowerCase();

		const file = el('td', 'file');
		file.appendChild(el('span', 'path', item.path));
		if (item.part) {
			file.appendChild(el('span', 'part muted', item.part));
		}
		tr.appendChild(file);

		const lv = el('td', 'level');
		lv.appendChild(el('span', 'badge level-' + level, item.levelLabel));
		tr.appendChild(lv);

		const reasons = el('td', 'reasons');
		if (item.reasons && item.reasons.length) {
			const ul = el('ul', 'reason-list');
			for (const r of item.reasons) {
				ul.appendChild(el('li', null, r));
			}
			reasons.appendChild(ul);
		} else {
			reasons.appendChild(el('span', 'muted', '—'));
		}
		tr.appendChild(reasons);

		const size = el('td', 'size');
		size.appendChild(el('span', null, item.size));
		size.appendChild(el('span', 'muted small', item.tokens));
		tr.appendChild(size);

		const vd = el('td', 'verdict');
		const verdictClass = verdict === 'sent' ? (item.sensitive ? 'verdict-sent sensitive' : 'verdict-sent') : 'verdict-' + verdict;
		vd.appendChild(el('span', 'verdict-label ' + verdictClass, item.verdictLabel));
		tr.appendChild(vd);

		tr.appendChild(actionsFor(item, sectionKey));
		return tr;
	}

	const CHIP_VERDICTS = ['sent', 'excluded-by-assistant', 'blocked-by-warden', 'assistant-disabled'];

	/** One file of the one list: labelled cells, chips per assistant present. */
	function previewRow(item, sectionKey, showAssistants, noneText) {
		const level = oneOf(item.level, LEVELS, 'public');
		const tr = el('tr', item.sensitive ? 'item sensitive' : 'item');
		tr.dataset.path = String(item.path).toLowerCase();

		const file = cellWith('file', labels.columnFile);
		file.appendChild(pathNode('path', item.path));
		if (item.part) {
			file.appendChild(el('span', 'part muted small', item.part));
		}
		if (item.alsoOn) {
			file.appendChild(el('span', 'also muted small', item.alsoOn));
		}
		tr.appendChild(file);

		const lv = cellWith('level', labels.columnLevel);
		lv.appendChild(el('span', 'badge level level-' + level, item.levelLabel));
		tr.appendChild(lv);

		const reasons = cellWith('reasons', labels.columnReasons);
		if (item.reasons && item.reasons.length) {
			const ul = el('ul', 'reason-list');
			for (const r of item.reasons) {
				ul.appendChild(el('li', null, r));
			}
			reasons.appendChild(ul);
		} else {
			reasons.classList.add('none');
		}
		tr.appendChild(reasons);

		const size = cellWith('size', labels.columnSize);
		size.appendChild(el('span', 'nowrap', item.size));
		size.appendChild(el('span', 'muted small nowrap', item.tokens));
		tr.appendChild(size);

		if (showAssistants) {
			const who = cellWith('assistants', labels.columnAssistants);
			if (Array.isArray(item.chips) && item.chips.length) {
				const ul = el('ul', 'chips');
				for (const c of item.chips) {
					const verdict = oneOf(c.verdict, CHIP_VERDICTS, 'sent');
					const li = el('li', 'chip chip-' + verdict + (verdict === 'sent' && item.sensitive ? ' sensitive' : ''), c.name);
					li.title = c.title;
					li.setAttribute('aria-label', c.title);
					ul.appendChild(li);
				}
				who.appendChild(ul);
			} else {
				who.appendChild(el('span', 'muted small', noneText));
			}
			tr.appendChild(who);
		}

		const actions = actionsFor(item, sectionKey);
		actions.dataset.label = labels.columnActions;
		tr.appendChild(actions);
		return tr;
	}

	function previewTable(items, sectionKey, caption, showAssistants, noneText) {
		const t = el('table', 'items preview-items');
		t.setAttribute('aria-label', caption);
		const columns = [labels.columnFile, labels.columnLevel, labels.columnReasons, labels.columnSize];
		if (showAssistants) {
			columns.push(labels.columnAssistants);
		}
		columns.push(labels.columnActions);
		tableHead(t, columns);
		const tbody = el('tbody');
		for (const item of items) {
			tbody.appendChild(previewRow(item, sectionKey, showAssistants, noneText));
		}
		t.appendChild(tbody);
		return t;
	}

	function renderPreviewSurface(surface, showAssistants, noneText) {
		const details = section(surface.key, true, 'surface preview-surface', [
			el('span', 'surface-title', surface.title),
			el('span', 'muted small summary-detail', surface.summary),
		]);
		details.dataset.surface = surface.surface;
		const body = el('div', 'surface-body');
		if (surface.empty) {
			body.appendChild(el('p', 'muted', surface.empty));
		}
		if (surface.items.length) {
			body.appendChild(previewTable(surface.items, surface.key, surface.title, showAssistants, noneText));
		}
		if (surface.notListed) {
			body.appendChild(el('p', 'muted small', surface.notListed));
		}
		if (surface.publicItems) {
			const pub = surface.publicItems;
			const pubDetails = section(pub.key, false, 'public-items', [el('span', 'muted', pub.label)]);
			const pubBody = el('div', 'surface-body');
			pubBody.appendChild(previewTable(pub.items, pub.key, surface.title + ' — ' + pub.label, showAssistants, noneText));
			if (pub.notListed) {
				pubBody.appendChild(el('p', 'muted small', pub.notListed));
			}
			pubDetails.appendChild(pubBody);
			body.appendChild(pubDetails);
		}
		details.appendChild(body);
		return details;
	}

	/** An assistant present, without its own copy of the list: name, state, where it sends, its totals. */
	function renderAssistantCard(a) {
		const card = el('section', 'assistant-card');
		card.dataset.assistant = a.id;
		const head = el('div', 'assistant-head');
		head.appendChild(el('h3', 'assistant-name', a.name));
		if (a.sensitiveItems > 0) {
			head.appendChild(el('span', 'badge count', String(a.sensitiveItems)));
		}
		if (a.statusBadge) {
			head.appendChild(el('span', 'badge disabled', a.statusBadge));
		}
		card.appendChild(head);
		if (a.subtitle) {
			card.appendChild(el('p', 'subtitle small', a.subtitle));
		}
		for (const n of a.notes) {
			card.appendChild(el('p', 'note muted small', n));
		}
		const bar = el('div', 'assistant-bar');
		bar.appendChild(el('span', 'assistant-summary small', a.summary));
		bar.appendChild(
			button(labels.governance, fmt(labels.governanceAria, a.name), 'governance|' + a.key, () =>
				act({ type: 'showGovernance', assistantId: a.id }),
			),
		);
		card.appendChild(bar);
		return card;
	}

	function table(items, sectionKey, caption) {
		const t = el('table', 'items');
		t.setAttribute('aria-label', caption);
		tableHead(t, [labels.columnFile, labels.columnLevel, labels.columnReasons, labels.columnSize, labels.columnVerdict, labels.columnActions]);
		const tbody = el('tbody');
		for (const item of items) {
			tbody.appendChild(row(item, sectionKey));
		}
		t.appendChild(tbody);
		return t;
	}

	function renderSurface(surface, assistant) {
		const caption = assistant.name + ' — ' + surface.title;
		const details = section(surface.key, true, 'surface', [
			el('span', 'surface-title', surface.title),
			el('span', 'muted small summary-detail', surface.summary),
		]);
		const body = el('div', 'surface-body');
		if (surface.empty) {
			body.appendChild(el('p', 'muted', surface.empty));
		}
		if (surface.items.length) {
			body.appendChild(table(surface.items, surface.key, caption));
		}
		if (surface.notListed) {
			body.appendChild(el('p', 'muted small', surface.notListed));
		}
		if (surface.publicItems) {
			const pub = surface.publicItems;
			const pubDetails = section(pub.key, false, 'public-items', [el('span', 'muted', pub.label)]);
			const pubBody = el('div', 'surface-body');
			pubBody.appendChild(table(pub.items, pub.key, caption + ' — ' + pub.label));
			if (pub.notListed) {
				pubBody.appendChild(el('p', 'muted small', pub.notListed));
			}
			pubDetails.appendChild(pubBody);
			body.appendChild(pubDetails);
		}
		details.appendChild(body);
		return details;
	}

	function renderAssistant(a) {
		const summaryParts = [el('span', 'assistant-name', a.name)];
		if (a.sensitiveItems > 0) {
			summaryParts.push(el('span', 'badge count', String(a.sensitiveItems)));
		}
		if (a.statusBadge) {
			summaryParts.push(el('span', 'badge disabled', a.statusBadge));
		}
		const details = section(a.key, true, a.isAny ? 'assistant any' : 'assistant', summaryParts);
		const body = el('div', 'assistant-body');
		if (a.subtitle) {
			body.appendChild(el('p', 'subtitle', a.subtitle));
		}
		for (const n of a.notes) {
			body.appendChild(el('p', 'note muted', n));
		}
		const bar = el('div', 'assistant-bar');
		bar.appendChild(el('span', 'assistant-summary', a.summary));
		if (!a.isAny) {
			bar.appendChild(
				button(labels.governance, fmt(labels.governanceAria, a.name), 'governance|' + a.key, () =>
					act({ type: 'showGovernance', assistantId: a.id }),
				),
			);
		}
		body.appendChild(bar);
		for (const s of a.surfaces) {
			body.appendChild(renderSurface(s, a));
		}
		details.appendChild(body);
		return details;
	}

	function renderRedacted(redacted) {
		const details = section('redacted', true, 'redacted', [el('span', 'surface-title', labels.redactedTitle)]);
		const body = el('div', 'surface-body');
		if (!redacted) {
			body.appendChild(el('p', 'muted', labels.noRedacted));
		} else {
			body.appendChild(el('p', 'path', redacted.path));
			body.appendChild(el('p', 'muted small', labels.redactedNote));
			if (redacted.truncated) {
				body.appendChild(el('p', 'muted small', labels.redactedTruncated));
			}
			const pre = el('pre', 'code', redacted.text);
			pre.tabIndex = 0;
			pre.setAttribute('aria-label', labels.redactedTitle + ': ' + redacted.path);
			pre.dataset.focusKey = 'redacted-text';
			body.appendChild(pre);
		}
		details.appendChild(body);
		return details;
	}

	/**
	 * The agent hooks section from a snapshot, or null when it has none or it is malformed: only strings are kept,
	 * and they are inserted as text.
	 */
	function hooksOf(message) {
		const h = message.hooks;
		if (!h || typeof h !== 'object' || !Array.isArray(h.agents) || !Array.isArray(h.notes)) {
			return null;
		}
		const str = (v) => typeof v === 'string';
		return {
			agents: h.agents.filter(
				(a) => a && typeof a === 'object' && str(a.id) && str(a.name) && str(a.state) && (a.config === undefined || str(a.config)),
			),
			notes: h.notes.filter(str),
		};
	}

	/** Per agent, whether Context Warden's pre-tool hook is installed or running: the status bar tooltip's lines. */
	function renderHooks(hooks) {
		const details = section('hooks', true, 'hooks', [el('span', 'surface-title', labels.hooksHeading)]);
		const body = el('div', 'surface-body');
		body.appendChild(el('p', 'muted small', labels.hooksNote));
		for (const n of hooks.notes) {
			body.appendChild(el('p', 'hook-note', n));
		}
		if (hooks.agents.length) {
			const t = el('table', 'items hook-table');
			t.setAttribute('aria-label', labels.hooksHeading);
			tableHead(t, [labels.columnAgent, labels.columnHookState, labels.columnHookFile]);
			const tbody = el('tbody');
			for (const a of hooks.agents) {
				const tr = el('tr', 'hook-agent');
				tr.dataset.agent = a.id;
				tr.appendChild(el('td', 'agent', a.name));
				tr.appendChild(el('td', 'hook-state', a.state));
				const file = el('td', 'hook-file');
				file.appendChild(a.config ? el('span', 'path', a.config) : el('span', 'muted', '—'));
				tr.appendChild(file);
				tbody.appendChild(tr);
			}
			t.appendChild(tbody);
			body.appendChild(t);
		}
		details.appendChild(body);
		return details;
	}

	/** The MCP section from a snapshot, or null when it has none or it is malformed: only string fields are kept. */
	function mcpOf(message) {
		const m = message.mcp;
		if (!m || typeof m !== 'object' || !Array.isArray(m.servers)) {
			return null;
		}
		const str = (v) => typeof v === 'string';
		return {
			servers: m.servers.filter((s) => s && typeof s === 'object' && str(s.name) && str(s.where) && str(s.runs) && str(s.risk) && str(s.verdict)),
		};
	}

	/** Every MCP server: where it is declared, where it runs, what it reaches and receives, the verdict. */
	function renderMcp(mcp) {
		const details = section('mcp', true, 'mcp', [el('span', 'surface-title', labels.mcpHeading)]);
		const body = el('div', 'surface-body');
		body.appendChild(el('p', 'muted small', labels.mcpNote));
		if (mcp.servers.length) {
			const t = el('table', 'items mcp-table');
			t.setAttribute('aria-label', labels.mcpHeading);
			tableHead(t, [labels.columnServer, labels.columnMcpWhere, labels.columnMcpRisk, labels.columnVerdict]);
			const tbody = el('tbody');
			for (const s of mcp.servers) {
				const tr = el('tr', 'mcp-server');
				tr.appendChild(el('td', 'mcp-name', s.name + ' (' + s.runs + ')'));
				const where = el('td', 'mcp-where');
				where.appendChild(el('span', 'path', s.where));
				tr.appendChild(where);
				tr.appendChild(el('td', 'mcp-risk', s.risk));
				tr.appendChild(el('td', 'mcp-verdict', s.verdict));
				tbody.appendChild(tr);
			}
			t.appendChild(tbody);
			body.appendChild(t);
		}
		details.appendChild(body);
		return details;
	}

	function render(message) {
		if (!frame || frame.labelsKey !== JSON.stringify(labels)) {
			buildFrame();
		}
		const focusKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : undefined;
		const content = el('div', 'content');
		const view = message.view;
		if (!view) {
			frame.totals.replaceChildren(el('p', 'muted', labels.noData));
		} else {
			renderTotals(view);
			if (view.preview) {
				const present = view.assistants.filter((a) => !a.isAny);
				content.appendChild(el('h2', 'section-heading', labels.previewHeading));
				content.appendChild(el('p', 'muted small intro', view.preview.intro));
				for (const s of view.preview.surfaces) {
					content.appendChild(renderPreviewSurface(s, present.length > 0, view.preview.noAssistantReads));
				}
				if (present.length) {
					content.appendChild(el('h2', 'section-heading', labels.assistantsHeading));
					const cards = el('div', 'assistant-cards');
					for (const a of present) {
						cards.appendChild(renderAssistantCard(a));
					}
					content.appendChild(cards);
				}
			} else {
				content.appendChild(el('h2', 'section-heading', labels.assistantsHeading));
				for (const a of view.assistants) {
					content.appendChild(renderAssistant(a));
				}
			}
		}
		const hooks = hooksOf(message);
		if (hooks) {
			content.appendChild(renderHooks(hooks));
		}
		const mcp = mcpOf(message);
		if (mcp && mcp.servers.length) {
			content.appendChild(renderMcp(mcp));
		}
		content.appendChild(renderRedacted(message.redacted));
		content.appendChild(el('p', 'muted no-match', labels.noMatch));
		frame.content.replaceWith(content);
		frame.content = content;
		root.setAttribute('aria-busy', 'false');
		applyFilter();
		if (focusKey) {
			for (const node of content.querySelectorAll('[data-focus-key]')) {
				if (node.dataset.focusKey === focusKey) {
					node.focus({ preventScroll: true });
					break;
				}
			}
		}
		window.scrollTo(0, state.scrollY);
	}

	function applyFilter() {
		if (!frame) {
			return;
		}
		const q = state.filter.trim().toLowerCase();
		let visible = 0;
		for (const tr of frame.content.querySelectorAll('tr.item')) {
			const match = !q || tr.dataset.path.indexOf(q) >= 0;
			tr.hidden = !match;
			if (match) {
				visible++;
			}
		}
		const none = frame.content.querySelector('.no-match');
		if (none) {
			none.hidden = !(q && visible === 0);
		}
	}

	function act(message) {
		frame.status.textContent = '';
		const id = request(message);
		pending.set(id, message.type);
	}

	// ---- messages from the host ------------------------------------------------------------------------------

	function isSnapshot(m) {
		return (
			m &&
			m.type === 'snapshot' &&
			m.version === PROTOCOL_VERSION &&
			typeof m.seq === 'number' &&
			m.labels &&
			typeof m.labels === 'object'
		);
	}

	window.addEventListener('message', (event) => {
		const m = event.data;
		if (isSnapshot(m)) {
			if (m.seq <= lastSeq) {
				return;
			}
			lastSeq = m.seq;
			labels = m.labels;
			render(m);
			return;
		}
		if (m && m.type === 'actionResult' && typeof m.replyTo === 'number' && pending.has(m.replyTo)) {
			pending.delete(m.replyTo);
			if (frame) {
				frame.status.textContent = m.ok ? '' : typeof m.message === 'string' ? m.message : labels.actionFailed;
			}
		}
	});

	let scrollScheduled = false;
	window.addEventListener('scroll', () => {
		if (scrollScheduled) {
			return;
		}
		scrollScheduled = true;
		requestAnimationFrame(() => {
			scrollScheduled = false;
			state.scrollY = Math.max(0, Math.round(window.scrollY));
			saveState();
		});
	});

	request({ type: 'ready' });
})();
