// What a newcomer reads in the editor (issue 20): the action names and default node name, the User
// ID tooltip, the trigger's notice, the units of numeric options, canvas subtitles that are not
// cut off, and Docs links that open this package's README. Each check reads the screen.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { CREDENTIAL, PKG } from '../../scripts/sandbox/workflows.mjs';
import { ROOT } from './harness.mjs';
import { REPOSITORY, readmeAnchors } from './readme.mjs';

const require = createRequire(import.meta.url);
const descriptionOf = (node) =>
	new (require(path.join(ROOT, `dist/nodes/${node}/${node}.node.js`))[node])().description;
const ACTION = descriptionOf('KakaoChannel');
const TRIGGER = descriptionOf('KakaoChannelTrigger');
// Nodes of the workflow with one node per operation (named `<resource> <operation>`).
const [TRIGGER_NODE, ADD] = ['Kakao Channel Trigger', 'Customer File User Add'];

/** Every resource and operation of the action node, as its description lists them. */
function operations() {
	const found = [];
	for (const resource of ACTION.properties.find((p) => p.name === 'resource').options)
		for (const p of ACTION.properties)
			if (p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value))
				for (const operation of p.options)
					found.push({ resource, operation, name: `${resource.name} ${operation.name}` });
	return found;
}

/** A workflow with the trigger and one action node per operation, for import in the editor. */
function writeOperationsWorkflow(dir) {
	const credentials = { kakaoChannelApi: CREDENTIAL };
	const nodes = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', position: [0, 0] },
		{ name: 'Kakao Channel Trigger', type: `${PKG}.kakaoChannelTrigger`, position: [0, 300] },
		...operations().map(({ resource, operation, name }, i) => ({
			name,
			type: `${PKG}.kakaoChannel`,
			position: [300 + (i % 4) * 300, Math.floor(i / 4) * 300],
			parameters: { resource: resource.value, operation: operation.value },
			credentials,
		})),
	].map((node) => ({ id: randomUUID(), typeVersion: 1, parameters: {}, ...node }));
	Object.assign(nodes[1], { typeVersion: 2, webhookId: randomUUID(), credentials });
	const file = path.join(dir, 'every-operation.json');
	fs.writeFileSync(file, JSON.stringify({ name: 'Every Kakao operation', nodes, connections: {} }));
	return file;
}

let operationsPath; // the workflow with one node per operation, once imported
async function openOperationsWorkflow({ u, dir }) {
	if (operationsPath) return await u.openWorkflow(operationsPath.split('/').pop());
	await u.importFromFile(writeOperationsWorkflow(dir));
	operationsPath = new URL(u.page.url()).pathname;
}

/** A check of one step on the workflow with one node per operation, in `node` if it names one. */
const onOperations = (name, node, check) => async (ctx) => {
	await openOperationsWorkflow(ctx);
	await ctx.step(name, async () => {
		if (node) await ctx.u.openNode(node);
		await check(ctx.u);
	});
	if (node) await ctx.u.closeNode();
};

/** The README anchor a Docs link points to; fails unless it is one of README.md's headings. */
function assertReadmeLink(href, what) {
	assert.doesNotMatch(href, /developers\.kakao\.com/, `${what} points to Kakao's docs`);
	assert.ok(href.startsWith(`${REPOSITORY}#`), `${what} opens ${REPOSITORY}: ${href}`);
	const anchor = href.slice(REPOSITORY.length + 1).split('?')[0];
	assert.ok(readmeAnchors().includes(anchor), `${what}: #${anchor} is a README.md heading`);
}

async function assertDocsLink(u, what) {
	const docs = u.page.getByTestId('ndv').getByRole('link', { name: 'Docs' });
	assertReadmeLink(await docs.getAttribute('href'), `${what}'s Docs link`);
}

/** Canvas subtitles: each operation's, read whole (its text is not wider than its box). */
export const subtitleChecks = onOperations('canvas subtitle of each operation', null, async (u) => {
	const wrong = [];
	for (const { name } of operations()) {
		const subtitle = u.canvasNode(name).locator('[class*="_subtitle_"]');
		const text = await subtitle.innerText();
		if (!/^\S.*: \S.*$/.test(text))
			wrong.push(`${name}: "${text}" names no operation and resource`);
		else if (await u.cutOff(subtitle)) wrong.push(`${name}: "${text}" is cut off`);
	}
	assert.deepEqual(wrong, [], `canvas subtitles:\n${wrong.join('\n')}`);
});

/** The action node's Docs link opens the README; the User ID tooltips of Check Many and Get. */
export const docsAndTooltipChecks = onOperations(
	'action node docs link and user id tooltips',
	null,
	async (u) => {
		await u.openNode('Channel Relation Check Many Users');
		await assertDocsLink(u, 'Kakao Channel');
		const tip =
			'The service user ID (app user ID) of each input item. All items are checked together, 200 users per call to Kakao; a repeated ID is checked once.';
		assert.equal(await u.tooltipOf('userId'), tip);
		await u.closeNode();
		await u.openNode('Channel Relation Get');
		const getTip = 'The service user ID (app user ID) of the user to check';
		assert.equal(await u.tooltipOf('userId'), getTip);
		await u.closeNode();
	},
);

/** The panel's actions, and the name and canvas look of a node added from the action list. */
export async function actionNameChecks(ctx) {
	const { u, step } = ctx;
	await openOperationsWorkflow(ctx);
	const action = 'Check the channel relations of many users';
	await step('node panel actions', async () => {
		const panel = await u.searchNodes('Kakao');
		const entry = panel.getByTestId('item-iterator-item').filter({ hasText: 'Kakao Channel' });
		await entry.first().click();
		const text = await u.waitForText(panel, /Actions \(7\)/);
		const others = ['Get a channel relation', 'Add users to a customer file', 'Get channel links'];
		for (const name of [action, ...others, 'Get many customer files'])
			assert.match(text, new RegExp(`^${name}$`, 'm'));
		assert.doesNotMatch(text, /Check many users channel relations/, 'the old action name');
		await u.page.waitForTimeout(500); // the panel slides in
	});
	await step('node added from the action', async () => {
		await u.page.getByTestId('node-creator').getByText(action, { exact: true }).click();
		await u.page.getByTestId('node-parameters').waitFor();
		assert.equal(await u.selectedOption('operation'), 'Check Many Users');
		assert.equal((await u.page.getByTestId('ndv').innerText()).split('\n')[0].trim(), action);
		await u.closeNode();
		const label = u.canvasNode(action).locator('[class*="_label_"]').filter({ hasText: action });
		const cut = `the node name "${action}" is cut off on the canvas`;
		assert.equal(await u.cutOff(label), false, cut);
		const subtitle = u.canvasNode(action).locator('[class*="_subtitle_"]');
		assert.equal(await subtitle.innerText(), 'Check Many: Relation');
		assert.equal(await u.cutOff(subtitle), false, 'its subtitle is cut off');
	});
}

/** Every numeric option (in an Options collection) shows its unit, whole, once added to the form. */
async function assertOptionUnits(u, description) {
	const options = await u.addAllOptions();
	const numeric = new Set();
	for (const p of description.properties.filter((p) => p.type === 'collection'))
		for (const o of p.options ?? []) if (o.type === 'number') numeric.add(o.displayName);
	for (const name of numeric) {
		const label = options.find((o) => o.text.startsWith(name.split(' (')[0]));
		assert.ok(label, `option ${name} is in the form; labels: ${options.map((o) => o.text)}`);
		const unit = /\((?:Seconds|Minutes|Hours|Days|Milliseconds)\)$/;
		assert.match(label.text, unit, `${name} names its unit`);
		assert.equal(label.cut, false, `"${label.text}" is cut off on screen`);
	}
	return options;
}

export const optionUnitChecks = onOperations('action options show their units', ADD, async (u) => {
	const labels = (await assertOptionUnits(u, ACTION)).map((o) => o.text);
	assert.ok(labels.includes('Timeout (Seconds)'), 'Timeout (Seconds)');
});

/** The trigger's notice: at most three lines, no n8n 1.x text, a link to the README's section. */
export const triggerNoticeChecks = onOperations('trigger notice', TRIGGER_NODE, async (u) => {
	const notice = u.page.getByTestId('node-parameters').locator('.notice').first();
	const text = await notice.innerText();
	assert.doesNotMatch(text, /n8n 1\.x/, 'no n8n 1.x text');
	const button = (await u.page.getByTestId('node-execute-button').first().innerText()).trim();
	assert.match(text, new RegExp(`click ${button}`), `the notice names the button "${button}"`);
	const lines = await notice.evaluate((el) => {
		const range = el.ownerDocument.createRange();
		range.selectNodeContents(el);
		return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
	});
	assert.ok(lines <= 3, `the notice takes ${lines} lines (at most 3)`);
	const href = await notice.getByRole('link').first().getAttribute('href');
	assertReadmeLink(href, 'the notice link');
	assert.ok(href.endsWith('#public-https-url'), `the notice links #public-https-url: ${href}`);
	await assertDocsLink(u, 'Kakao Channel Trigger');
});

export const triggerOptionChecks = onOperations(
	'trigger options show their units',
	TRIGGER_NODE,
	(u) => assertOptionUnits(u, TRIGGER),
);
