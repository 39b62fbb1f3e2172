// Credential dialog checks: the Kakao Channel API test's four outcomes, the OAuth2 credential with
// no Client Secret, and n8n's "Custom API Call" choice. Run last: they edit the sandbox credential.
import assert from 'node:assert/strict';

const SUCCESS = /Connection tested successfully/;

async function openCredential(u, workflow) {
	await u.openWorkflow(workflow);
	await u.openNode('Check one user');
	await u.page.getByTestId('credential-edit-button').click();
	const dialog = u.page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	return dialog;
}

/** Types values into the dialog, saves (n8n then runs the credential test) and waits for `expected`. */
async function saveAndExpect(u, dialog, values, expected) {
	for (const [field, value] of Object.entries(values)) {
		const input = dialog.getByTestId(`parameter-input-${field}`).locator('input').first();
		await input.fill(value);
	}
	await u.page.getByTestId('credential-save-button').click();
	if (expected === SUCCESS) return await u.waitForText(dialog, expected, 90_000);
	// n8n shows "Couldn't connect with these settings"; the test's message is behind "More details".
	await u.waitForText(dialog, /Couldn.t connect with these settings/, 90_000);
	const more = dialog.getByText('More details');
	if (await more.isVisible()) await more.click(); // once open, it stays open for the next test
	return await u.waitForText(dialog, expected);
}

export async function credentialChecks({ u, step, sandbox, workflow, closedPort }) {
	const good = {
		adminKey: sandbox.adminKey,
		restApiKey: sandbox.restApiKey,
		baseUrl: sandbox.emulatorUrl,
	};
	const dialog = await openCredential(u, workflow);
	await step('credential test success', async () => {
		await saveAndExpect(u, dialog, good, SUCCESS);
	});
	await step('credential test wrong admin key', async () => {
		const text = await saveAndExpect(
			u,
			dialog,
			{ adminKey: 'wrong-admin-key-for-the-test' },
			/Kakao rejected the Admin Key: code -401 \(HTTP 401\)/,
		);
		assert.doesNotMatch(text, /wrong-admin-key-for-the-test/, 'no key in the message');
	});
	await step('credential test wrong rest api key', async () => {
		await saveAndExpect(
			u,
			dialog,
			{ adminKey: good.adminKey, restApiKey: 'wrong-rest-api-key-for-the-test' },
			/Kakao rejected the REST API Key: code -401 \(HTTP 401\)/,
		);
	});
	await step('credential test unreachable base url', async () => {
		const deadUrl = `http://127.0.0.1:${closedPort}`;
		const text = await saveAndExpect(
			u,
			dialog,
			{ restApiKey: good.restApiKey, baseUrl: deadUrl },
			/Could not reach Kakao at/,
		);
		assert.match(
			text,
			new RegExp(
				`Could not reach Kakao at ${deadUrl.replace(/\./g, '\\.')}/v1/system/ips: connection refused \\(ECONNREFUSED\\)\\. The keys were not checked`,
			),
		);
		assert.doesNotMatch(text, /rejected/, 'not blamed on a key');
	});
	await step('credential test success again', async () => {
		await saveAndExpect(u, dialog, good, SUCCESS);
	});
	await u.page.keyboard.press('Escape'); // closes the dialog and the node
	await dialog.waitFor({ state: 'hidden' });
}

export async function oauthAndCustomCallChecks({ u, step, workflow }) {
	await u.openWorkflow(workflow);
	await u.openNode('Check one user');
	await step('oauth2 credential without client secret', async () => {
		// n8n 2.x asks for the node's Authentication in the credential dialog.
		await u.page.getByTestId('node-credentials-select').click();
		await u.page.getByTestId('node-credentials-select-item-new').click();
		const dialog = u.page.getByTestId('credential-edit-dialog');
		await dialog.waitFor();
		await dialog.getByTestId('credential-mode-dropdown-trigger').click();
		await u.page.getByText('OAuth2 (Kakao Login)', { exact: true }).last().click();
		const text = await u.waitForText(dialog, /Client ID/);
		assert.match(text, /Client Secret/);
		await dialog
			.getByTestId('parameter-input-clientId')
			.locator('input')
			.first()
			.fill('sandbox-rest-api-key');
		const field = (label) =>
			dialog.getByTestId('credential-connection-parameter').filter({ hasText: label }).first();
		// The description sits behind the help icon beside the label.
		await field('Client ID').getByText('Client ID').hover();
		await field('Client ID').locator('svg').first().hover();
		await u.page
			.getByText("The app's REST API key, from [App] > [Platform key]", { exact: false })
			.first()
			.waitFor();
		assert.match(
			await field('Client ID').innerText(),
			/Client ID\s*\*/,
			'Client ID is marked required',
		);
		assert.doesNotMatch(
			await field('Client Secret').innerText(),
			/\*/,
			'Client Secret is not marked required',
		);
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
		await u.chooseOption('resource', 'Custom API Call');
		await u.page.getByTestId('node-execute-button').first().click();
		const text = await u.waitForText(
			u.page.getByTestId('output-panel'),
			/Custom API Call is not an operation of the Kakao Channel node/,
		);
		assert.match(text, /HTTP Request node/);
	});
	await u.closeNode();
}
