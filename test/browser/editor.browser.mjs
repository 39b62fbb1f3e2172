// Editor suite: what a user sees in n8n 2.x's editor (headless Chromium) with the sandbox.
// Every check reads the screen (texts, panels, messages), not n8n's API. It starts where a
// newcomer starts: README.md's "Try it locally" steps, done as written.
//   npm run test:browser   (CHROMIUM_PATH overrides /usr/bin/chromium; BROWSER_ARTIFACTS the output folder)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { artifactsDir, freePort, launchBrowser, startSandbox, stepper } from './harness.mjs';
import {
	credentialChecks,
	credentialTextChecks,
	oauthAndCustomCallChecks,
} from './credential.checks.mjs';
import { exampleChecks } from './examples.checks.mjs';
import {
	actionNameChecks,
	docsAndTooltipChecks,
	optionUnitChecks,
	subtitleChecks,
	triggerNoticeChecks,
	triggerOptionChecks,
	writeOperationsWorkflow,
} from './strings.checks.mjs';
import { ui } from './ui.mjs';
import { readmeWalkthrough } from './walkthrough.checks.mjs';

const WORKFLOWS = {
	relations: 'kakaoSandboxRel1',
	files: 'kakaoSandboxFile',
	addUsers: 'kakaoSandboxAddU',
	removeUsers: 'kakaoSandboxDelU',
	trigger: 'kakaoSandboxTrig',
};

let dir;
let sandbox;
let browser;
let step;
let snap;
let docImage;
let u;

before(async () => {
	dir = artifactsDir();
	sandbox = await startSandbox(dir);
	browser = await launchBrowser(dir);
	({ step, snap, docImage } = stepper({
		dir,
		page: browser.page,
		consoleLog: browser.consoleLog,
		sandbox,
	}));
	u = ui(browser.page, sandbox.n8nUrl);
});

after(async () => {
	await browser?.close();
	await sandbox?.stop();
	if (dir) console.log(`[browser] screenshots and logs: ${dir}`);
});

test('README "Try it locally": sign in, the trigger workflow, Executions, Execute step and send-event --test', async () => {
	await readmeWalkthrough({ u, step, snap, docImage, sandbox });
});

test('node panel finds both nodes for "Kakao", "customer file" and "channel relation"', async () => {
	await u.openWorkflow(WORKFLOWS.relations);
	for (const query of ['Kakao', 'customer file', 'channel relation']) {
		await step(`node panel search ${query}`, async () => {
			await u.openNodePanel();
			await u.page.getByTestId('node-creator-search-bar').fill(query);
			const item = u.page
				.getByTestId('node-creator')
				.getByTestId('item-iterator-item')
				.filter({ hasText: 'Kakao Channel' });
			await item.first().waitFor();
			await snap(`node panel results ${query}`);
			await item.first().click();
			// n8n lists a node and its trigger as one entry: its panel shows both nodes' actions.
			const panel = u.page.getByTestId('node-creator');
			await u.waitForText(panel, /Actions \(7\)/);
			await u.page.waitForTimeout(1000); // let the panel finish sliding in for the screenshot
			assert.match(await panel.innerText(), /Triggers \(\d+\)/, 'the trigger is listed');
			if (query === 'customer file')
				await docImage('browser-node-panel', { parts: [panel], margin: 0 });
		});
		await u.page.keyboard.press('Escape');
		await u.page.keyboard.press('Escape');
	}
});

// Each operation's node in the sample workflows, with the fields its form must show.
const FORMS = [
	[WORKFLOWS.relations, 'Check one user', 'Get', ['Channel', 'User ID', 'Options']],
	[WORKFLOWS.relations, 'Check relations', 'Check Many Users', ['User ID', 'Options']],
	[
		WORKFLOWS.files,
		'Create customer file',
		'Create',
		['Channel', 'File Name', 'Fixed Fields', 'Custom Fields'],
	],
	[WORKFLOWS.files, 'List customer files', 'Get Many', ['Channel']],
	[
		WORKFLOWS.addUsers,
		'Add users',
		'Add',
		['Channel', 'Customer File', 'User Type', 'User ID', 'Fields'],
	],
	[
		WORKFLOWS.removeUsers,
		'Remove users',
		'Delete',
		['Channel', 'Customer File', 'User Type', 'User ID'],
	],
];

test("each operation's form renders its fields; the canvas subtitle uses display names", async () => {
	for (const [workflow, node, operation, fields] of FORMS) {
		await step(`form ${operation}`, async () => {
			await u.openWorkflow(workflow);
			const subtitle = u.page.getByTestId('canvas-node').filter({ hasText: node });
			assert.match(
				await subtitle.innerText(),
				new RegExp(`${operation.slice(0, 10)}`),
				'subtitle names the operation',
			);
			await u.openNode(node);
			const form = u.page.getByTestId('node-parameters');
			await u.waitForText(form, /Operation/);
			const text = await form.innerText();
			for (const field of ['Credential', 'Resource', 'Operation', ...fields])
				assert.match(text, new RegExp(`^${field}$`, 'm'), `${node}: field ${field}`);
			assert.equal(await u.selectedOption('operation'), operation);
			if (operation === 'Add') await docImage('browser-form-add', await u.ndvForPicture());
			await u.closeNode();
		});
	}
});

test('Channel accepts a pasted channel URL and explains a bad one', async () => {
	await u.openWorkflow(WORKFLOWS.addUsers);
	await u.openNode('Add users');
	const channel = u.page.getByTestId('parameter-input-channel');
	const input = channel.getByTestId('rlc-input-container').locator('input').first();
	try {
		await step('channel url accepted', async () => {
			await input.fill('https://pf.kakao.com/_ZeUTxl');
			await input.press('Tab');
			await u.page.waitForTimeout(500);
			assert.equal(await u.issueIcon('channel').count(), 0, 'no validation issue');
		});
		await step('channel bad value message', async () => {
			await input.fill('pf.kakao.com/ZeUTxl');
			await input.press('Tab');
			await u.issueIcon('channel').first().hover();
			await u.page
				.getByText(
					'A channel ID starts with _ (such as _ZeUTxl); a channel URL (https://pf.kakao.com/_ZeUTxl) works too',
				)
				.waitFor();
		});
	} finally {
		// Put the sample's value back, and save it: n8n 2.x also saves edits by itself.
		await input.fill('_ZeUTxl');
		await input.press('Tab');
		await u.closeNode();
		await u.saveWorkflow();
	}
});

// [workflow, node, items shown in its output panel, text the output must show]
const RUNS = [
	[WORKFLOWS.relations, 'Check relations', 19, /ADDED[\s\S]*BLOCKED[\s\S]*NONE/],
	[WORKFLOWS.relations, 'Check one user', 1, /1001[\s\S]*ADDED/],
	[WORKFLOWS.files, 'Create customer file', 1, /Sandbox \d{4}-\d\d-\d\d/],
	[WORKFLOWS.files, 'List customer files', '[2-9]', /기존고객리스트[\s\S]*Sandbox \d{4}/],
	[WORKFLOWS.addUsers, 'Add users', 1, /users_sent[\s\S]*\b3\b/],
	[WORKFLOWS.removeUsers, 'Remove users', 1, /users_sent[\s\S]*\b2\b/],
];

test('each sample workflow runs and shows its items, without an "Execute Once" hint on batched operations', async () => {
	let executed;
	for (const [workflow, node, count, expected] of RUNS) {
		await step(`output ${node}`, async () => {
			if (executed !== workflow) {
				await u.openWorkflow(workflow);
				await u.executeWorkflow();
				executed = workflow;
				if (workflow === WORKFLOWS.relations) {
					await docImage('sandbox-editor', await u.canvasForPicture());
				}
			}
			await u.openNode(node);
			const output = u.page.getByTestId('output-panel');
			await u.waitForText(output, new RegExp(`\\b${count} items?\\b`));
			const text = await output.innerText();
			assert.match(text, expected);
			assert.doesNotMatch(text, /Execute Once/i, 'n8n advises Execute Once');
			if (node === 'Check relations') await docImage('browser-output', await u.ndvForPicture());
			await u.closeNode();
		});
	}
});

test("file picker lists the emulator's files and finds one by search", async () => {
	await u.openWorkflow(WORKFLOWS.addUsers);
	await u.openNode('Add users');
	const picker = u.page.getByTestId('parameter-input-fileId');
	const itemsMatch = async (pattern) => {
		for (let i = 0; i < 120 && !pattern.test(await u.rlcItems()); i++)
			await u.page.waitForTimeout(500);
		return await u.rlcItems();
	};
	await step('file picker list', async () => {
		await picker.getByTestId('rlc-input').click();
		assert.match(
			await itemsMatch(/기존고객리스트 \(\d+\)[\s\S]*Sandbox \d{4}/),
			/기존고객리스트 \(\d+\)[\s\S]*Sandbox \d{4}/,
		);
		await docImage('browser-file-picker', { parts: [u.page.getByTestId('ndv')], margin: 0 });
	});
	await step('file picker search', async () => {
		await u.rlcSearch().fill('기존');
		const items = await itemsMatch(/^기존고객리스트 \(\d+\)$/);
		assert.match(items, /^기존고객리스트 \(\d+\)$/, 'the search keeps only the matching file');
	});
	await u.page.keyboard.press('Escape');
	await u.closeNode();
});

let operationsPath; // the workflow with one node per operation, once imported
async function openOperationsWorkflow() {
	if (operationsPath) return await u.openWorkflow(operationsPath.split('/').pop());
	await u.importFromFile(writeOperationsWorkflow(dir));
	operationsPath = new URL(u.page.url()).pathname;
}

test('every operation: its canvas subtitle is read whole', async () => {
	await openOperationsWorkflow();
	await subtitleChecks({ u, step });
});

test("action node: Docs opens the README's operations section; User ID tooltips", async () => {
	await openOperationsWorkflow();
	await docsAndTooltipChecks({ u, step });
});

test("trigger: a notice of at most three lines, no n8n 1.x text, linking the README's #public-https-url", async () => {
	await openOperationsWorkflow();
	await triggerNoticeChecks({ u, step });
});

test('trigger: every numeric option shows its unit, read whole', async () => {
	await openOperationsWorkflow();
	await triggerOptionChecks({ u, step });
});

test('action node: every numeric option shows its unit, read whole', async () => {
	await openOperationsWorkflow();
	await optionUnitChecks({ u, step });
});

test('node panel: the action names, and the default name and subtitle of Check Many Users', async () => {
	await openOperationsWorkflow();
	await actionNameChecks({ u, step });
});

test('examples: each imported as README.md says, pictured for the docs', async () => {
	await exampleChecks({ u, step, docImage, sandbox });
});

test('credential dialog: its docs link opens the README; the Base URL help states the rule', async () => {
	await credentialTextChecks({ u, step, workflow: WORKFLOWS.relations });
});

test('credential test on Save: success, wrong keys, unreachable Base URL, Base URL with a path, README sentence', async () => {
	await credentialChecks({
		u,
		step,
		docImage,
		sandbox,
		workflow: WORKFLOWS.relations,
		closedPort: await freePort(),
	});
});

test('OAuth2 credential saves without a Client Secret; Custom API Call explains itself', async () => {
	await oauthAndCustomCallChecks({ u, step, workflow: WORKFLOWS.relations });
});
