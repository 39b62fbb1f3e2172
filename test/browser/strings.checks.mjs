// What a newcomer reads in the editor (issue 20): the action names and default node name, the User
// ID tooltip, the trigger's notice, the units of numeric options, canvas subtitles that are not
// cut off, and Docs links that open this package's README. Each check reads the screen.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { CREDENTIAL } from '../../scripts/sandbox/workflows.mjs';
import { ROOT } from './harness.mjs';
import { readmeAnchors } from './readme.mjs';

const require = createRequire(import.meta.url);
const { KakaoChannel } = require(path.join(ROOT, 'dist/nodes/KakaoChannel/KakaoChannel.node.js'));
const { KakaoChannelTrigger } = require(
	path.join(ROOT, 'dist/nodes/KakaoChannelTrigger/KakaoChannelTrigger.node.js'),
);

const PACKAGE = 'n8n-nodes-kakao-channel';
const REPOSITORY = 'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel';
const ACTION = {
	type: `${PACKAGE}.kakaoChannel`,
	description: new KakaoChannel().description,
};
const TRIGGER = {
	type: `${PACKAGE}.kakaoChannelTrigger`,
	description: new KakaoChannelTrigger().description,
};

/** Every resource and operation of the action node, as its description lists them. */
export function operations() {
	const props = ACTION.description.properties;
	const resources = props.find((p) => p.name === 'resource').options;
	return resources.flatMap((resource) =>
		props
			.filter(
				(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value),
			)
			.flatMap((p) => p.options)
			.map((operation) => ({ resource, operation })),
	);
}

/** A workflow with the trigger and one action node per operation, for import in the editor. */
export function writeOperationsWorkflow(dir) {
	const node = (name, type, position, parameters, extra = {}) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion: 1,
		position,
		parameters,
		...extra,
	});
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
		node(
			'Kakao Channel Trigger',
			TRIGGER.type,
			[0, 300],
			{},
			{
				typeVersion: 2,
				webhookId: randomUUID(),
				credentials: { kakaoChannelApi: CREDENTIAL },
			},
		),
		...operations().map(({ resource, operation }, i) =>
			node(
				`${resource.name} ${operation.name}`,
				ACTION.type,
				[300 + (i % 4) * 300, Math.floor(i / 4) * 300],
				{ resource: resource.value, operation: operation.value },
				{ credentials: { kakaoChannelApi: CREDENTIAL } },
			),
		),
	];
	const file = path.join(dir, 'every-operation.json');
	fs.writeFileSync(file, JSON.stringify({ name: 'Every Kakao operation', nodes, connections: {} }));
	return file;
}

/** Options of the node's Options collections whose value is a number. */
function numericOptions(description) {
	const names = new Set();
	for (const p of description.properties)
		if (p.type === 'collection')
			for (const o of p.options ?? []) if (o.type === 'number') names.add(o.displayName);
	return [...names];
}

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
export async function subtitleChecks({ u, step }) {
	await step('canvas subtitle of each operation', async () => {
		const wrong = [];
		for (const { resource, operation } of operations()) {
			const name = `${resource.name} ${operation.name}`;
			const subtitle = u.canvasNode(name).locator('[class*="_subtitle_"]');
			const text = await subtitle.innerText();
			if (!/^\S.*: \S.*$/.test(text))
				wrong.push(`${name}: "${text}" names no operation and resource`);
			else if (await u.cutOff(subtitle)) wrong.push(`${name}: "${text}" is cut off`);
		}
		assert.deepEqual(wrong, [], `canvas subtitles:\n${wrong.join('\n')}`);
	});
}

/** The action node's Docs link opens the README; the User ID tooltips of Check Many and Get. */
export async function docsAndTooltipChecks({ u, step }) {
	await step('action node docs link and user id tooltips', async () => {
		await u.openNode('Channel Relation Check Many Users');
		await assertDocsLink(u, 'Kakao Channel');
		const tip = await u.tooltipOf('userId');
		assert.equal(
			tip,
			'The service user ID (app user ID) of each input item. All items are checked together, 200 users per call to Kakao; a repeated ID is checked once.',
		);
		await u.closeNode();
		await u.openNode('Channel Relation Get');
		assert.equal(
			await u.tooltipOf('userId'),
			'The service user ID (app user ID) of the user to check',
		);
		await u.closeNode();
	});
}

/** The panel's actions, and the name and canvas look of a node added from the action list. */
export async function actionNameChecks({ u, step }) {
	const action = 'Check the channel relations of many users';
	await step('node panel actions', async () => {
		await u.openNodePanel();
		await u.page.getByTestId('node-creator-search-bar').fill('Kakao');
		const panel = u.page.getByTestId('node-creator');
		await panel
			.getByTestId('item-iterator-item')
			.filter({ hasText: 'Kakao Channel' })
			.first()
			.click();
		const text = await u.waitForText(panel, /Actions \(7\)/);
		for (const name of [
			action,
			'Get a channel relation',
			'Add users to a customer file',
			'Get many customer files',
			'Get channel links',
		])
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
		assert.equal(
			await u.cutOff(label),
			false,
			`the node name "${action}" is cut off on the canvas`,
		);
		const subtitle = u.canvasNode(action).locator('[class*="_subtitle_"]');
		assert.equal(await subtitle.innerText(), 'Check Many: Relation');
		assert.equal(await u.cutOff(subtitle), false, 'its subtitle is cut off');
	});
}

/** Every numeric option of the node shows its unit, whole, once added to the form. */
async function assertOptionUnits(u, description) {
	const options = await u.addAllOptions();
	for (const name of numericOptions(description)) {
		const label = options.find((o) => o.text.startsWith(name.split(' (')[0]));
		assert.ok(label, `option ${name} is in the form; labels: ${options.map((o) => o.text)}`);
		assert.match(
			label.text,
			/\((?:Seconds|Minutes|Hours|Days|Milliseconds)\)$/,
			`${name} names its unit`,
		);
		assert.equal(label.cut, false, `"${label.text}" is cut off on screen`);
	}
	return options;
}

export async function optionUnitChecks({ u, step }) {
	await step('action options show their units', async () => {
		await u.openNode('Customer File User Add');
		const options = await assertOptionUnits(u, ACTION.description);
		assert.ok(
			options.some((o) => o.text === 'Timeout (Seconds)'),
			'Timeout (Seconds)',
		);
	});
	await u.closeNode();
}

/** The trigger's notice: at most three lines, no n8n 1.x text, a link to the README's section. */
export async function triggerNoticeChecks({ u, step }) {
	await u.openNode('Kakao Channel Trigger');
	await step('trigger notice', async () => {
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
	await u.closeNode();
}

/** The trigger's numeric options show their unit, whole. */
export async function triggerOptionChecks({ u, step }) {
	await u.openNode('Kakao Channel Trigger');
	await step('trigger options show their units', async () => {
		await assertOptionUnits(u, TRIGGER.description);
	});
	await u.closeNode();
}
