// README.md's "Try it locally" steps, done literally: the actions each numbered step names, in its
// order (open, sign in, click, run a command, a tab), then what it says the reader will see is looked
// for on the screen. A step naming what the screen does not show fails with its number and text.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { ROOT } from './harness.mjs';
import { boldLabels, escapeRegExp, numberedSteps, readmeSection } from './readme.mjs';
import { appears } from './ui.mjs';

/** Runs a README command the way a reader does (npm), pointed at the suite's own sandbox folder. */
async function runReadmeCommand(command, sandbox) {
	const words = command.trim().split(/\s+/);
	if (words[0] !== 'npm' || words[1] !== 'run' || words[2] !== 'send-event')
		throw new Error(`the suite does not know how to run \`${command}\``);
	const args = [...words.slice(1), ...(words.includes('--') ? [] : ['--']), '--data', sandbox.data];
	const run = promisify(execFile)('npm', args, { cwd: ROOT });
	const { stdout, stderr } = await run.catch((e) => {
		throw new Error(`\`${command}\` exited ${e.code}:\n${e.stdout}${e.stderr}`);
	});
	return stdout + stderr;
}

/** What the README's words make the suite do: [pattern, action(context, match)], in the order added. */
const ACTIONS = [];
const on = (pattern, action) => ACTIONS.push([pattern, action]);

on(/`(?:npm ci && )?npm run sandbox`(?:[^.]*?wait for `(\w+)`)?/, async ({ sandbox }, m) => {
	const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const started = 'npm run sandbox runs the sandbox the suite started';
	assert.match(scripts.sandbox, /scripts\/sandbox\/sandbox\.mjs/, started);
	if (m[1] && sandbox.child)
		assert.match(sandbox.printed(), new RegExp(`\\b${m[1]}\\b`), `the sandbox prints \`${m[1]}\``);
});
on(/open the address it prints/i, async ({ u, sandbox }) => {
	const printed = sandbox.printed().match(/^\s*open\s+(http\S+)/m)?.[1] ?? sandbox.openUrl;
	assert.ok(printed, 'the sandbox printed an address to open');
	await u.page.goto(printed);
});
on(/\bopen (https?:\/\/[^\s)]+?)[.,]?(?=\s|$)/i, async ({ u, sandbox }, m) => {
	await u.page.goto(`${sandbox.n8nUrl}${new URL(m[1]).pathname}`); // the suite's own port
});
on(/sign in as `([^`]+)`[^`]*?`([^`]+)`/, async ({ u, snap }, m) => {
	const email = u.page.locator('input[name=emailOrLdapLoginId]');
	await email.waitFor();
	await snap('sign in page');
	await email.fill(m[1]);
	await u.page.locator('input[name=password]').fill(m[2]);
	await u.page.getByTestId('form-submit-button').click();
	await u.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	// Signed in: the editor's side bar is there (what the page shows is for the next words).
	await u.page.getByLabel('Overview', { exact: true }).waitFor();
	await u.page.waitForLoadState('networkidle');
});
on(/n8n opens \*\*([^*]+)\*\*/, async ({ u }, m) => {
	await u.page.getByTestId('canvas-node').first().waitFor();
	await u.waitForText(u.page.locator('header').first(), new RegExp(escapeRegExp(m[1])));
});
on(/(?:are|is) under \*\*([^*]+)\*\*/, async ({ u, snap }, m) => {
	await u.page.getByLabel(m[1], { exact: true }).click(); // an icon: its name is its label
	const names = u.page.getByTestId('workflow-card-name');
	await names.first().waitFor();
	assert.ok((await names.count()) >= 5, 'the sample workflows are listed');
	await snap(`under ${m[1]}`);
});
on(/Open (?:the workflow )?\*\*([^*]+)\*\*/, async ({ u }, m) => {
	const card = u.page.getByTestId('workflow-card-name').filter({ hasText: m[1] });
	if (!(await appears(card.first(), 15_000))) {
		const headings = await u.page.locator('h1, h2').filter({ visible: true }).allInnerTexts();
		const shows = headings.slice(0, 3).join(' / ') || 'no heading';
		const where = new URL(u.page.url()).pathname;
		throw new Error(`no workflow "${m[1]}" on screen; the screen (${where}) shows: ${shows}`);
	}
	await card.first().click();
	await u.page.getByTestId('canvas-node').first().waitFor();
});
on(/already active|is active/i, async ({ u }) => {
	// n8n 2.x calls an active workflow "Published".
	await u.waitForText(u.page.locator('header').first(), /Published/, 15_000);
});
on(/run `(npm run send-event[^`]*)`/, async ({ u, sandbox }, m) => {
	assert.match(await runReadmeCommand(m[1], sandbox), /HTTP 200/, `\`${m[1]}\` got HTTP 200`);
	if (/--test/.test(m[1])) {
		const output = u.page.getByTestId('output-panel');
		await u.waitForText(output, /\b1 item\b/);
		await u.waitForText(output, /added[\s\S]*1001/);
	}
});
on(/\*\*Executions\*\* tab/, async ({ u, snap }) => {
	await u.page.getByTestId('radio-button-executions').click();
	const executions =
		'[data-test-id="current-executions-list"] [data-test-id^="execution-details-"]';
	const list = u.page.locator(executions);
	await list.first().waitFor();
	assert.equal(await list.count(), 1, 'one execution');
	await snap('executions tab');
	// "with the event": the trigger's output in that execution.
	await u.page.locator('[data-node-type$="kakaoChannelTrigger"]').dblclick();
	await u.waitForText(u.page.getByTestId('output-panel'), /added[\s\S]*1001/);
	await snap('executions tab trigger output');
	await u.page.keyboard.press('Escape');
});
on(/open the trigger node/i, async ({ u }) => {
	if (/\/executions/.test(u.page.url())) await u.page.getByTestId('radio-button-workflow').click(); // back to the editor
	await u.page.locator('[data-node-type$="kakaoChannelTrigger"]').dblclick();
	await u.page.getByTestId('node-parameters').waitFor();
});
on(/click \*\*([^*]+)\*\*/, async ({ u, docImage }, m) => {
	const ndv = u.page.getByTestId('ndv');
	const scope = (await ndv.isVisible()) ? ndv : u.page; // the open node, else the canvas
	// A button the reader can click: on top where it is drawn (n8n keeps hidden copies).
	let button;
	for (const one of await scope.getByRole('button', { name: m[1] }).all())
		if (!button && (await onTop(one))) button = one;
	if (!button) {
		const shown = await scope.getByRole('button').filter({ visible: true }).allInnerTexts();
		throw new Error(`no button "${m[1]}" on screen; buttons: ${shown.filter(Boolean).join(', ')}`);
	}
	await button.click();
	if (m[1] === 'Execute workflow') await u.waitForAllNodesRan();
	if (m[1] === 'Execute step') {
		await u.waitForText(ndv, /Listening|Waiting/i);
		await docImage('browser-trigger-listening', await u.ndvForPicture());
	}
});

/** Whether the element is drawn on top at its centre (not hidden, not covered). */
const onTop = (locator) =>
	locator.evaluate((el) => {
		const box = el.getBoundingClientRect();
		if (!box.width || !box.height) return false;
		const hit = el.ownerDocument.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
		return el.contains(hit);
	});

/** Splits a step into the actions it names, in the order the text names them. */
function actionsOf(text) {
	const found = [];
	for (const [pattern, run] of ACTIONS) {
		for (const m of text.matchAll(new RegExp(pattern, `${pattern.flags.replace('g', '')}g`)))
			if (!found.some((f) => m.index >= f.start && m.index < f.end))
				found.push({ start: m.index, end: m.index + m[0].length, run, m, words: m[0] });
	}
	return found.sort((a, b) => a.start - b.start);
}

/** Every numbered step of "Try it locally", one screenshot each; fails naming the step. */
export async function readmeWalkthrough(ctx) {
	const { u, step, docImage } = ctx;
	const steps = numberedSteps(readmeSection('Try it locally'));
	assert.ok(steps.length > 0, 'README.md "Try it locally" has numbered steps');
	for (const { number, text } of steps) {
		await step(`readme step ${number}`, async () => {
			const actions = actionsOf(text);
			try {
				assert.ok(actions.length, 'the suite finds nothing to do in it');
				for (const action of actions) await action.run(ctx, action.m);
				// A label the reader is told to look for, and no action used, must be on screen.
				const used = actions.map((a) => a.words).join(' ');
				for (const label of boldLabels(text).filter((l) => !used.includes(`**${l}**`)))
					await u.page.getByText(label, { exact: true }).first().waitFor({ timeout: 5_000 });
			} catch (e) {
				e.message = `README.md "Try it locally" step ${number} ("${text}") and the screen disagree: ${e.message}`;
				throw e;
			}
		});
	}
	// The guide's picture of the end of the walkthrough: the event in the trigger's output.
	await docImage('browser-trigger-event', await u.ndvForPicture());
	await u.closeNode();
}
