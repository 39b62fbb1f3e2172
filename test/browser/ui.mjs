// Small page helpers for n8n 2.x's editor (its data-test-id attributes), shared by the checks.
const POLL_MS = 250;

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

	return {
		page,
		waitForText,
		canvasNode,
		goto: (path) => page.goto(`${baseUrl}${path}`),

		async openWorkflow(id) {
			await page.goto(`${baseUrl}/workflow/${id}`);
			await page.getByTestId('canvas-node').first().waitFor();
		},

		async openNodePanel() {
			await page.getByTestId('node-creator-plus-button').click();
			await page.getByTestId('node-creator-search-bar').waitFor();
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
		async selectedOption(parameter) {
			return await page
				.getByTestId(`parameter-input-${parameter}`)
				.locator('input')
				.first()
				.inputValue();
		},

		async chooseOption(parameter, option) {
			await page.getByTestId(`parameter-input-${parameter}`).click();
			await page.getByRole('option', { name: option, exact: true }).click();
		},

		/** The warning icon n8n puts beside a parameter whose value fails validation. */
		issueIcon: (parameter) =>
			page
				.getByTestId('node-parameters')
				.getByTestId('parameter-item')
				.filter({ has: page.getByTestId(`parameter-input-${parameter}`) })
				.getByTestId('parameter-issues'),

		/** The entries the open resource-locator dropdown (file picker) shows, one per line. */
		async rlcItems() {
			return (await page.getByTestId('rlc-item').filter({ visible: true }).allInnerTexts()).join(
				'\n',
			);
		},

		/** The search box of the open resource-locator dropdown. */
		rlcSearch: () => page.getByPlaceholder('Search...').filter({ visible: true }).first(),

		/** n8n's error notifications (a failed run, a failed save). */
		errorToasts: () =>
			page
				.locator('.el-notification')
				.filter({ hasText: /cannot start|Problem|went wrong|error/i }),

		async saveWorkflow() {
			await page.keyboard.press('Control+s');
			await page.waitForTimeout(1500);
		},

		/** Clicks Execute workflow and waits until every node on the canvas ran. */
		async executeWorkflow() {
			await page.getByTestId('execute-workflow-button').click();
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
