// Editor suite: what a user sees in n8n 2.x's editor (headless Chromium) with the sandbox, read on
// the screen, not through n8n's API; it starts with README.md's "Try it locally", done as written.
//   npm run test:browser   (CHROMIUM_PATH overrides /usr/bin/chromium; BROWSER_ARTIFACTS the output folder)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { WORKFLOWS, artifactsDir, launchBrowser, startSandbox, stepper } from './harness.mjs';
import * as credential from './credential.checks.mjs';
import { exampleChecks } from './examples.checks.mjs';
import * as strings from './strings.checks.mjs';
import { ui } from './ui.mjs';
import { readmeWalkthrough } from './walkthrough.checks.mjs';

let dir, sandbox, browser, step, snap, docImage, u, ctx;
const { relations, files, addUsers, removeUsers } = WORKFLOWS;

before(async () => {
	dir = artifactsDir();
	sandbox = await startSandbox(dir);
	browser = await launchBrowser(dir);
	({ step, snap, docImage } = stepper({ dir, sandbox, ...browser }));
	u = ui(browser.page, sandbox.n8nUrl);
	ctx = { dir, sandbox, step, snap, docImage, u }; // what the checks of the other files use
});

after(async () => {
	await browser?.close();
	await sandbox?.stop();
	if (dir) console.log(`[browser] screenshots and logs: ${dir}`);
});

test('README "Try it locally": sign in, the trigger workflow, Executions, Execute step and send-event --test', () =>
	readmeWalkthrough(ctx));

test('node panel finds both nodes for "Kakao", "customer file" and "channel relation"', async () => {
	await u.openWorkflow(relations);
	for (const query of ['Kakao', 'customer file', 'channel relation']) {
		await step(`node panel search ${query}`, async () => {
			const panel = await u.searchNodes(query);
			const item = panel.getByTestId('item-iterator-item').filter({ hasText: 'Kakao Channel' });
			await item.first().waitFor();
			await snap(`node panel results ${query}`);
			await item.first().click();
			// n8n lists a node and its trigger as one entry: its panel shows both nodes' actions.
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

// Each operation's node in the sample workflows: [workflow, node, operation, the fields its form shows]
const FORMS = [
	[relations, 'Check one user', 'Get', 'Channel, User ID, Options'],
	[relations, 'Check relations', 'Check Many Users', 'User ID, Options'],
	[files, 'Create customer file', 'Create', 'Channel, File Name, Fixed Fields, Custom Fields'],
	[files, 'List customer files', 'Get Many', 'Channel'],
	[addUsers, 'Add users', 'Add', 'Channel, Customer File, User Type, User ID, Fields'],
	[removeUsers, 'Remove users', 'Delete', 'Channel, Customer File, User Type, User ID'],
];

test("each operation's form renders its fields; the canvas subtitle uses display names", async () => {
	for (const [workflow, node, operation, fields] of FORMS) {
		await step(`form ${operation}`, async () => {
			await u.openWorkflow(workflow);
			const subtitle = u.page.getByTestId('canvas-node').filter({ hasText: node });
			const named = new RegExp(operation.slice(0, 10));
			assert.match(await subtitle.innerText(), named, 'subtitle names the operation');
			await u.openNode(node);
			const form = u.page.getByTestId('node-parameters');
			await u.waitForText(form, /Operation/);
			const text = await form.innerText();
			for (const field of ['Credential', 'Resource', 'Operation', ...fields.split(', ')])
				assert.match(text, new RegExp(`^${field}$`, 'm'), `${node}: field ${field}`);
			assert.equal(await u.selectedOption('operation'), operation);
			if (operation === 'Add') await docImage('browser-form-add', await u.ndvForPicture());
			await u.closeNode();
		});
	}
});

test('Channel accepts a pasted channel URL and explains a bad one', async () => {
	await u.openWorkflow(addUsers);
	await u.openNode('Add users');
	const channel = u.page.getByTestId('parameter-input-channel');
	const input = channel.getByTestId('rlc-input-container').locator('input').first();
	const enter = async (value) => {
		await input.fill(value);
		await input.press('Tab');
	};
	try {
		await step('channel url accepted', async () => {
			await enter('https://pf.kakao.com/_ZeUTxl');
			await u.page.waitForTimeout(500);
			assert.equal(await u.issueIcon('channel').count(), 0, 'no validation issue');
		});
		await step('channel bad value message', async () => {
			await enter('pf.kakao.com/ZeUTxl');
			await u.issueIcon('channel').first().hover();
			const why =
				'A channel ID starts with _ (such as _ZeUTxl); a channel URL (https://pf.kakao.com/_ZeUTxl) works too';
			await u.page.getByText(why).waitFor();
		});
	} finally {
		// Put the sample's value back, and save it: n8n 2.x also saves edits by itself.
		await enter('_ZeUTxl');
		await u.closeNode();
		await u.saveWorkflow();
	}
});

// [workflow, node, items shown in its output panel, text the output must show]
const RUNS = [
	[relations, 'Check relations', 19, /ADDED[\s\S]*BLOCKED[\s\S]*NONE/],
	[relations, 'Check one user', 1, /1001[\s\S]*ADDED/],
	[files, 'Create customer file', 1, /Sandbox \d{4}-\d\d-\d\d/],
	[files, 'List customer files', '[2-9]', /기존고객리스트[\s\S]*Sandbox \d{4}/],
	[addUsers, 'Add users', 1, /users_sent[\s\S]*\b3\b/],
	[removeUsers, 'Remove users', 1, /users_sent[\s\S]*\b2\b/],
];

test('each sample workflow runs and shows its items, without an "Execute Once" hint on batched operations', async () => {
	let executed;
	for (const [workflow, node, count, expected] of RUNS) {
		await step(`output ${node}`, async () => {
			if (executed !== workflow) {
				await u.openWorkflow(workflow);
				await u.page.getByTestId('execute-workflow-button').click();
				await u.waitForAllNodesRan();
				executed = workflow;
				if (workflow === relations) await docImage('sandbox-editor', await u.canvasForPicture());
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
	await u.openWorkflow(addUsers);
	await u.openNode('Add users');
	const picker = u.page.getByTestId('parameter-input-fileId');
	// The dropdown's entries, one per line, once they match (or as they are after 60 s).
	const items = async () =>
		(await u.page.getByTestId('rlc-item').filter({ visible: true }).allInnerTexts()).join('\n');
	const assertItems = async (pattern, message) => {
		for (let i = 0; i < 120 && !pattern.test(await items()); i++) await u.page.waitForTimeout(500);
		assert.match(await items(), pattern, message);
	};
	await step('file picker list', async () => {
		await picker.getByTestId('rlc-input').click();
		await assertItems(/기존고객리스트 \(\d+\)[\s\S]*Sandbox \d{4}/);
		await docImage('browser-file-picker', { parts: [u.page.getByTestId('ndv')], margin: 0 });
	});
	await step('file picker search', async () => {
		await u.page.getByPlaceholder('Search...').filter({ visible: true }).first().fill('기존');
		await assertItems(/^기존고객리스트 \(\d+\)$/, 'the search keeps only the matching file');
	});
	await u.page.keyboard.press('Escape');
	await u.closeNode();
});

// The checks of the other files, in this order: { test: check(ctx) }. Those of strings.checks.mjs
// read the workflow with one node per operation; the credential checks run last (they edit
// the sandbox credential).
const CHECKS = {
	'every operation: its canvas subtitle is read whole': strings.subtitleChecks,
	"action node: Docs opens the README's operations section; User ID tooltips":
		strings.docsAndTooltipChecks,
	"trigger: a notice of at most three lines, no n8n 1.x text, linking the README's #public-https-url":
		strings.triggerNoticeChecks,
	'trigger: every numeric option shows its unit, read whole': strings.triggerOptionChecks,
	'action node: every numeric option shows its unit, read whole': strings.optionUnitChecks,
	'node panel: the action names, and the default name and subtitle of Check Many Users':
		strings.actionNameChecks,
	'examples: each imported as README.md says, pictured for the docs': exampleChecks,
	'credential dialog: its docs link opens the README; the Base URL help states the rule; the test on Save: success, wrong keys, unreachable Base URL, Base URL with a path, README sentence':
		credential.credentialChecks,
	'OAuth2 credential saves without a Client Secret; Custom API Call explains itself':
		credential.oauthAndCustomCallChecks,
};
for (const [name, check] of Object.entries(CHECKS)) test(name, () => check(ctx));
