// The workflows of examples/, imported as README.md's Examples section says (the credential by the
// examples' name, the workflow menu's import, save), each canvas pictured (docs/example-<name>.png),
// and the README's words checked on the screen: its menu labels, what n8n does with the credential.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, sandboxKeys } from './harness.mjs';
import { boldLabels, codeSpans, escapeRegExp, paragraphWith, readmeSection } from './readme.mjs';
import { appears } from './ui.mjs';

const EXAMPLES = path.join(ROOT, 'examples');
const NOT_SET = /Credentials for .* are not set/;
const CREDENTIAL_ID = /^[A-Za-z0-9]{16}$/; // n8n's credential ids

/** The README's import paragraph, with the credential name it asks for. */
function importInstructions() {
	const paragraph = paragraphWith(readmeSection('Examples'), 'Import');
	const credential = codeSpans(paragraph)[0];
	assert.ok(credential, `README Examples names the credential: "${paragraph}"`);
	// The menu path: the bold labels after **...** in its sentence.
	const sentence = paragraph.split(/(?<=\.) /).find((s) => s.includes('**...**')) ?? '';
	const labels = boldLabels(sentence.slice(sentence.indexOf('**...**') + 7));
	assert.ok(labels.length, `README Examples names the menu items after **...**: "${paragraph}"`);
	return { paragraph, credential, labels };
}

/** Overview > Create credential > Kakao Channel API, named as the README says, pointing at the emulator. */
async function createCredential(u, sandbox, name) {
	await u.goto('/home/credentials');
	await u.page.getByRole('button', { name: 'Create credential' }).first().click();
	await u.page.keyboard.type('Kakao Channel API');
	await u.page.getByRole('option', { name: 'Kakao Channel API', exact: true }).click();
	await u.page.getByTestId('new-credential-type-button').click();
	const dialog = u.page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	await u.page.getByTestId('credential-name').click();
	await u.page.keyboard.press('Control+a');
	await u.page.keyboard.type(name);
	await u.page.keyboard.press('Enter');
	await u.fill(dialog, sandboxKeys(sandbox));
	await u.page.getByTestId('credential-save-button').click();
	await u.waitForText(dialog, /Connection tested successfully/, 90_000);
	await u.page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden' });
}

const kakaoNodes = (u) =>
	u.page.locator('[data-test-id="canvas-node"][data-node-type^="n8n-nodes-kakao-channel."]');

/** The Kakao nodes that show "Credentials ... are not set" on the canvas. */
async function nodesWithoutCredential(u) {
	const names = [];
	for (const node of await kakaoNodes(u).all()) {
		const issues = node.getByTestId('node-issues');
		if (!(await issues.count())) continue;
		await issues.hover({ force: true });
		if (NOT_SET.test(await u.tooltip())) names.push(await node.getAttribute('data-node-name'));
		await u.page.mouse.move(0, 0);
	}
	return names;
}

// Opens each Kakao node and makes sure it uses `credential`, picking it where n8n chose another (as
// the README tells a user with several). Returns what n8n chose by itself, per node.
async function linkEachNode(u, credential) {
	const chosen = {};
	for (const node of await kakaoNodes(u).all()) {
		const name = await node.getAttribute('data-node-name');
		await u.openNode(name);
		const select = u.page.getByTestId('node-credentials-select');
		if (await select.count()) {
			const input = select.locator('input').first();
			let value = await input.inputValue();
			// Until the editor has loaded the credential list, the field shows the credential's id.
			for (let wait = 0; wait < 20 && CREDENTIAL_ID.test(value); wait++) {
				await u.page.waitForTimeout(500);
				value = await input.inputValue();
			}
			chosen[name] = value;
			if (chosen[name] !== credential) {
				await select.click();
				// An option's name also carries its owner and project: match the words.
				const words = new RegExp(`\\b${escapeRegExp(credential)}\\b`);
				await u.page.getByRole('option', { name: words }).filter({ visible: true }).first().click();
			}
		}
		await u.closeNode();
	}
	return chosen;
}

/** Each example: imported, saved, every Kakao node linked, its canvas pictured. */
export async function exampleChecks({ u, step, docImage, sandbox }) {
	const { paragraph, credential, labels } = importInstructions();
	const found = {}; // per example: nodes shown without credential, and n8n's own choice per node
	await step('readme examples credential', () => createCredential(u, sandbox, credential));
	for (const file of fs.readdirSync(EXAMPLES).sort()) {
		const name = file.match(/^(.+)\.json$/)?.[1];
		if (!name) continue;
		await step(`example ${name}`, async () => {
			await u.importFromFile(path.join(EXAMPLES, file));
			await u.saveWorkflow();
			const notSet = await nodesWithoutCredential(u);
			found[name] = { notSet, chosen: await linkEachNode(u, credential) };
			console.log(`[browser]      ${name}: ${JSON.stringify(found[name])}`);
			await u.saveWorkflow();
			assert.deepEqual(await nodesWithoutCredential(u), [], 'every Kakao node has its credential');
			await u.closeToasts();
			await docImage(`example-${name}`, await u.canvasForPicture());
		});
	}
	await step('readme examples import instructions', async () => {
		const mismatch = (what) =>
			new Error(`README.md Examples ("${paragraph}") and the screen disagree: ${what}`);
		await u.page.getByTestId('workflow-menu').click();
		for (const label of labels) {
			const item = u.page.getByRole('menuitem', { name: label, exact: true });
			// A submenu's items appear a moment after its parent is hovered.
			if (!(await appears(item.first(), 5_000))) {
				const importItem = u.page.getByRole('menuitem', { name: 'Import', exact: true });
				if (await importItem.count()) await importItem.hover(); // shows its own menu too
				await u.page.waitForTimeout(500);
				const shown = await u.page.getByRole('menuitem').filter({ visible: true }).allInnerTexts();
				const names = shown.filter(Boolean).join(', ');
				throw mismatch(`no menu item "${label}"; the menu shows ${names}`);
			}
			await item.hover();
		}
		await u.page.keyboard.press('Escape');
		const unlinked = [];
		for (const [example, { notSet, chosen }] of Object.entries(found)) {
			const wrong = notSet.map((n) => `${n} shows "Credentials for Kakao Channel are not set"`);
			for (const [n, c] of Object.entries(chosen))
				if (c !== credential) wrong.push(`${n} opens with "${c}"`);
			if (wrong.length) unlinked.push(`${example}: ${wrong.join(', ')}`);
		}
		if (unlinked.length && /n8n links/i.test(paragraph))
			throw mismatch(
				`it says n8n links the Kakao nodes to the credential named ${credential}; after import and save (with that credential and the sandbox's in n8n): ${unlinked.join('; ')}`,
			);
	});
}
