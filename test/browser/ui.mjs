// Small page helpers for n8n 2.x's editor (its data-test-id attributes), shared by the checks.
const POLL_MS = 250;
const ERROR_TOAST = /cannot start|Problem|went wrong|error/i;

/** Whether the locator shows up within `timeout` ms (no error when it does not). */
export const appears = (locator, timeout) =>
	locator
		.waitFor({ timeout })
		.then(() => true)
		.catch(() => false);

// In the page: whether an element's content is wider or taller than its box.
const overflows = (el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1;

export function ui(page, baseUrl) {
	page.on('dialog', (dialog) => dialog.accept()); // "leave the page?" after edits: yes

	/** Waits until the locator's text matches; the error shows the last text seen. */
	async function waitForText(locator, pattern, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = await locator.innerText({ timeout: 5_000 }).catch(() => last);
			if (pattern.test(last)) return last;
			await page.waitForTimeout(POLL_MS);
		}
		throw new Error(
			`timed out after ${timeoutMs / 1000} s waiting for ${pattern} on screen; last text:\n${last.slice(0, 1500)}`,
		);
	}

	const canvasNode = (name) =>
		page.getByTestId('canvas-node').filter({ has: page.getByText(name, { exact: true }) });
	/** The parameter row of the open node that holds `parameter`'s input. */
	const parameterItem = (parameter) =>
		page
			.getByTestId('node-parameters')
			.getByTestId('parameter-item')
			.filter({ has: page.getByTestId(`parameter-input-${parameter}`) });

	return {
		page,
		waitForText,
		canvasNode,
		goto: (path) => page.goto(`${baseUrl}${path}`),
		async openWorkflow(id) {
			await page.goto(`${baseUrl}/workflow/${id}`);
			await page.getByTestId('canvas-node').first().waitFor();
		},
		/** Opens the node panel and searches it for `query`; the panel. */
		async searchNodes(query) {
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill(query);
			return page.getByTestId('node-creator');
		},
		async openNode(name) {
			await canvasNode(name).dblclick();
			await page.getByTestId('ndv').waitFor();
			await page.getByTestId('node-parameters').waitFor();
		},
		async closeNode() {
			await page.getByTestId('ndv-close-button').click();
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
		},
		/** The option a dropdown parameter shows. */
		selectedOption: (parameter) =>
			page.getByTestId(`parameter-input-${parameter}`).locator('input').first().inputValue(),
		/** Types `values` ({ parameter: text }) into the inputs of a form (a dialog). */
		async fill(form, values) {
			for (const [field, value] of Object.entries(values))
				await form.getByTestId(`parameter-input-${field}`).locator('input').first().fill(value);
		},
		/** Whether an element's text is wider or taller than its box (cut off with "..."). */
		cutOff: (locator) => locator.evaluate(overflows),
		/** The text of the help tooltip beside a parameter's label. */
		async tooltipOf(parameter) {
			const item = parameterItem(parameter).first();
			await item.locator('label').first().hover();
			await item.locator('[data-icon="circle-help"]').first().hover();
			return await this.tooltip();
		},
		/** The text of the tooltip on screen (hover something first). */
		async tooltip() {
			const tip = page
				.locator('.n8n-tooltip, [role=tooltip]') // n8n's tooltips, then element-plus ones
				.filter({ visible: true, hasText: /\S/ })
				.last();
			await tip.waitFor({ timeout: 10_000 });
			return (await tip.innerText()).trim();
		},
		/** Adds every option of the form's Options collection; its labels, and whether each is cut off. */
		async addAllOptions() {
			const form = page.getByTestId('node-parameters');
			const add = form.getByTestId('collection-parameter-add');
			await add.waitFor(); // isVisible() does not wait: a slow form would add nothing
			for (let i = 0; i < 20 && (await add.isVisible()); i++) {
				await add.click();
				const choice = page.getByRole('option').filter({ visible: true }).first();
				if (!(await appears(choice, 3_000))) break;
				await choice.click();
				await page.waitForTimeout(300);
			}
			// An empty list may be left open (Escape would close the node too).
			if (await page.getByRole('listbox').filter({ visible: true }).count())
				await form.click({ position: { x: 5, y: 5 } });
			return await form
				.locator('[class*="_collectionParameter_"] label [class*="_title_"] > span')
				.evaluateAll((spans) =>
					spans.map((el) => ({
						text: el.textContent.trim(),
						cut: el.scrollWidth > el.clientWidth,
					})),
				);
		},
		/** A new workflow with `file` imported through the editor's menu (Import > From file). */
		async importFromFile(file) {
			await page.goto(`${baseUrl}/workflow/new`);
			await page.getByTestId('workflow-menu').click();
			await page.getByRole('menuitem', { name: 'Import', exact: true }).hover();
			const chooser = page.waitForEvent('filechooser');
			await page.getByRole('menuitem', { name: 'From file', exact: true }).click();
			await (await chooser).setFiles(file);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.waitForURL(/\/workflow\/(?!new)/); // n8n created it
			await this.saveWorkflow(); // and saved: leaving the page asks nothing
		},
		/** Closes n8n's notifications (they would cover a picture). */
		async closeToasts() {
			for (const close of await page.locator('.el-notification__closeBtn').all())
				await close.click().catch(() => {}); // one may have closed by itself meanwhile
		},
		/** What to picture of the open node: its form and its output, with nothing over them. */
		async ndvForPicture() {
			await this.closeToasts();
			await page.mouse.move(0, 0);
			const ndv = page.getByTestId('ndv');
			const parts = [ndv.getByTestId('node-parameters'), ndv.getByTestId('output-panel')];
			return { parts, within: ndv };
		},
		/** Zooms the canvas to fit; what to picture of it: its nodes with their names, on the canvas. */
		async canvasForPicture() {
			await page.getByTestId('zoom-to-fit').click();
			await page.waitForTimeout(800); // the zoom animates
			const nodes = page.locator('.vue-flow__node');
			const parts = [nodes, nodes.locator('[class*="_label_"], [class*="_subtitle_"]')];
			return { parts, within: page.locator('.vue-flow') };
		},
		/** The warning icon n8n puts beside a parameter whose value fails validation. */
		issueIcon: (parameter) => parameterItem(parameter).getByTestId('parameter-issues'),
		/** n8n's error notifications (a failed run, a failed save). */
		errorToasts: () => page.locator('.el-notification').filter({ hasText: ERROR_TOAST }),
		async saveWorkflow() {
			await page.keyboard.press('Control+s');
			await page.waitForTimeout(1500);
		},
		/** Waits until every node on the canvas shows success; fails on n8n's error toast. */
		async waitForAllNodesRan() {
			const nodes = await page.getByTestId('canvas-node').count();
			const deadline = Date.now() + 120_000;
			while ((await page.getByTestId('canvas-node-status-success').count()) < nodes) {
				const toast = this.errorToasts();
				if (await toast.count())
					throw new Error(`n8n did not run the workflow: ${await toast.first().innerText()}`);
				if (Date.now() > deadline)
					throw new Error('the workflow did not finish with every node successful within 120 s');
				await page.waitForTimeout(POLL_MS);
			}
		},
	};
}
