// Credential dialog checks: its texts, the credential test's outcomes as n8n 2.x shows them after
// Save (a banner with Retry; the message behind More details) and README.md's sentence about them,
// the OAuth2 credential with no Client Secret, and "Custom API Call". Run last: they edit the
// sandbox credential.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';

import { freePort } from '../../scripts/n8n/n8n-server.mjs';
import { ROOT, WORKFLOWS, sandboxKeys } from './harness.mjs';
import { REPOSITORY, boldLabels, paragraphWith, readmeSection } from './readme.mjs';

const require = createRequire(import.meta.url);
const SUCCESS = /Connection tested successfully/;
const FAILED = /Couldn.t connect with these settings/;

/** The product's own wording, read when a step needs it (so a missing file fails that step only). */
const product = (file) => require(path.join(ROOT, 'dist/nodes/shared', file));

// Types values into the dialog and saves (n8n then runs the credential test). On failure, n8n shows
// "Couldn't connect with these settings" and Retry, with the test's message behind "More details":
// one click shows it. Resolves with the message shown and how it was reached.
async function saveAndRead(u, dialog, values, expected) {
	await u.fill(dialog, values);
	await u.page.getByTestId('credential-save-button').click();
	if (expected === SUCCESS) return { text: await u.waitForText(dialog, expected, 90_000) };
	const firstView = await u.waitForText(dialog, FAILED, 90_000);
	const more = dialog.getByText('More details', { exact: true });
	const behindMoreDetails = await more.isVisible();
	if (behindMoreDetails) await more.click();
	const text = await u.waitForText(dialog, expected);
	// The message is in the dialog's first view: no scrolling needed to read it.
	const box = await dialog.getByText(expected).first().boundingBox();
	const onScreen = box && box.y >= 0 && box.y + box.height <= u.page.viewportSize().height;
	assert.ok(onScreen, 'the message is on screen');
	return { text, behindMoreDetails, firstView };
}

/** Closes the details again with Retry, so the next failure starts from the first view. */
async function retry(u, dialog) {
	await dialog.getByRole('button', { name: 'Retry', exact: true }).click();
	await u.page.waitForTimeout(500);
}

// The dialog's own texts (its docs link opens the README; the Base URL help states the rule), then
// the test n8n runs on Save: each outcome as the dialog shows it, and README.md's sentence.
export async function credentialChecks({ u, step, docImage, sandbox }) {
	const good = sandboxKeys(sandbox);
	let seen;
	await u.openWorkflow(WORKFLOWS.relations);
	await u.openNode('Check one user');
	await u.page.getByTestId('credential-edit-button').click();
	const dialog = u.page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	await step('credential dialog texts', async () => {
		const docs = await dialog.getByRole('link', { name: 'docs', exact: true }).getAttribute('href');
		assert.equal(docs, `${REPOSITORY}#credentials`, 'the dialog links the README');
		const field = dialog.getByTestId('baseUrl'); // the field's label row
		await field.getByText('Base URL', { exact: true }).hover();
		await field.locator('[data-icon="circle-help"]').hover();
		const help =
			'Only the scheme and host, such as https://kapi.kakao.com (the default). Change it only for an HTTPS proxy in front of Kakao, or for a test emulator on this machine (such as http://127.0.0.1:8080).';
		assert.equal(await u.tooltip(), help);
		await u.page.mouse.move(0, 0); // the tooltip closes
	});
	await step('credential test success', async () => {
		await saveAndRead(u, dialog, good, SUCCESS);
		await dialog.getByRole('button', { name: 'Retry', exact: true }).waitFor();
		const buttons = await dialog.getByRole('button').filter({ visible: true }).allInnerTexts();
		assert.ok(!buttons.some((b) => /^Test\b/.test(b.trim())), `no Test button: ${buttons}`);
	});
	await step('credential test wrong admin key', async () => {
		const adminKey = 'wrong-admin-key-for-the-test';
		const rejected = /Kakao rejected the Admin Key: code -401 \(HTTP 401\)/;
		const { text } = await saveAndRead(u, dialog, { adminKey }, rejected);
		assert.doesNotMatch(text, /wrong-admin-key-for-the-test/, 'no key in the message');
		await retry(u, dialog);
	});
	await step('credential test wrong rest api key', async () => {
		const values = { adminKey: good.adminKey, restApiKey: 'wrong-rest-api-key-for-the-test' };
		const rejected = /Kakao rejected the REST API Key: code -401 \(HTTP 401\)/;
		await saveAndRead(u, dialog, values, rejected);
		await retry(u, dialog);
	});
	await step('credential test unreachable base url', async () => {
		const deadUrl = `http://127.0.0.1:${await freePort()}`; // a port nothing listens on
		const refused = { cause: 'refused', code: 'ECONNREFUSED' };
		const { reason, hint } = product('networkFailure.js').describeNetworkFailure(refused);
		const values = { restApiKey: good.restApiKey, baseUrl: deadUrl };
		seen = await saveAndRead(u, dialog, values, /Could not reach Kakao at/);
		const wording = `Could not reach Kakao at ${deadUrl}: ${reason}. The keys were not checked. ${hint}`;
		assert.ok(
			seen.text.includes(wording),
			`the one wording for a refused connection (nodes/shared/networkFailure.ts):\n${seen.text}`,
		);
		assert.match(seen.text, /the connection was refused/);
		assert.doesNotMatch(seen.text, /bad port|rejected/i, 'neither a port nor a key is blamed');
		await docImage('browser-credential-unreachable', { parts: [dialog], margin: 0 });
		await retry(u, dialog);
	});
	await step('credential test base url with a path', async () => {
		const withPath = `${good.baseUrl}/admin`;
		const { error } = product('baseUrl.js').checkBaseUrl(withPath);
		const { text } = await saveAndRead(u, dialog, { baseUrl: withPath }, /has a path/);
		const rule = `the Base URL rule's message (nodes/shared/baseUrl.ts):\n${text}`;
		assert.ok(text.includes(error), rule);
		assert.match(text, /Give only the scheme and host/);
		await retry(u, dialog);
	});
	await step('credential test success again', () => saveAndRead(u, dialog, good, SUCCESS));
	await u.page.keyboard.press('Escape'); // closes the dialog and the node
	await dialog.waitFor({ state: 'hidden' });
	await step('readme credential test sentence', async () => {
		const sentence = paragraphWith(readmeSection('Credentials'), 'Retry');
		const mismatch = (what) =>
			new Error(`README.md Credentials ("${sentence}") and the dialog disagree: ${what}`);
		const missing = boldLabels(sentence).find((label) => !seen.firstView.includes(label));
		if (missing)
			throw mismatch(
				`it names **${missing}**; after a failed test the dialog shows:\n${seen.firstView}`,
			);
		if (seen.behindMoreDetails && !/More details/.test(sentence))
			throw mismatch(
				'after Save the dialog shows "Couldn\'t connect with these settings", More details and Retry; the reason appears only after a click on More details',
			);
	});
}

export async function oauthAndCustomCallChecks({ u, step }) {
	await u.openWorkflow(WORKFLOWS.relations);
	await u.openNode('Check one user');
	await step('oauth2 credential without client secret', async () => {
		// n8n 2.x asks for the node's Authentication in the credential dialog.
		await u.page.getByTestId('node-credentials-select').click();
		await u.page.getByTestId('node-credentials-select-item-new').click();
		const dialog = u.page.getByTestId('credential-edit-dialog');
		await dialog.waitFor();
		await dialog.getByTestId('credential-mode-dropdown-trigger').click();
		await u.page.getByText('OAuth2 (Kakao Login)', { exact: true }).last().click();
		assert.match(await u.waitForText(dialog, /Client ID/), /Client Secret/);
		await u.fill(dialog, { clientId: 'sandbox-rest-api-key' });
		const field = (label) =>
			dialog.getByTestId('credential-connection-parameter').filter({ hasText: label }).first();
		// The description sits behind the help icon beside the label.
		await field('Client ID').getByText('Client ID').hover();
		await field('Client ID').locator('svg').first().hover();
		const help = "The app's REST API key, from [App] > [Platform key]";
		await u.page.getByText(help, { exact: false }).first().waitFor();
		const required = /Client ID\s*\*/;
		assert.match(await field('Client ID').innerText(), required, 'Client ID is marked required');
		const secret = await field('Client Secret').innerText();
		assert.doesNotMatch(secret, /\*/, 'Client Secret is not marked required');
		// n8n offers Connect only once every required field is filled: the empty secret is fine.
		await u.waitForText(dialog, /Connect your account to use this credential/);
		await u.page.getByTestId('credential-save-button').click();
		// Saved: the dialog now offers Delete, and n8n raised no error.
		await u.page.getByTestId('credential-delete-button').waitFor();
		assert.equal(await u.errorToasts().count(), 0, 'no error toast');
		await u.page.keyboard.press('Escape');
		// n8n asks "Close without connecting?": there is no Kakao account to connect here.
		await u.page.getByRole('button', { name: 'Close', exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });
		// Back to the sandbox credential (and with it the admin key authentication).
		await u.page.getByTestId('node-credentials-select').click();
		await u.page.getByRole('option', { name: /Kakao sandbox \(emulator\)/ }).click();
	});
	await step('custom api call explained', async () => {
		await u.page.getByTestId('parameter-input-resource').click();
		await u.page.getByRole('option', { name: 'Custom API Call', exact: true }).click();
		await u.page.getByTestId('node-execute-button').first().click();
		const output = u.page.getByTestId('output-panel');
		const why = /Custom API Call is not an operation of the Kakao Channel node/;
		assert.match(await u.waitForText(output, why), /HTTP Request node/);
	});
	await u.closeNode();
}
