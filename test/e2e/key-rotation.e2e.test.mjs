// End to end, admin key rotation: the trigger in a real n8n (2.41.1, or 1.123.81 with
// N8N_FLAVOR=1) takes a key changed through n8n's CLI at once and refuses the old one within 60 s.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
	apiCredential,
	ROTATED_CREDENTIAL,
	triggerWorkflow,
} from '../../scripts/sandbox/workflows.mjs';
import { SAMPLE_EVENT, sleep, useN8n } from './harness.mjs';

const rotatedKeys = [
	'rotation-key-1-0123456789abcdef',
	'rotation-key-2-0123456789abcdef',
	'rotation-key-3-0123456789abcdef',
];
const triggerRotated = triggerWorkflow({ id: 'kakaoE2eTrigger3', credential: ROTATED_CREDENTIAL });
const rotatedCredential = (adminKey) =>
	apiCredential({ adminKey, restApiKey: 'unused', baseUrl: ctx.emu.baseUrl }, ROTATED_CREDENTIAL);
const ctx = useN8n({
	workflows: () => [triggerRotated],
	credentials: () => [rotatedCredential(rotatedKeys[0])],
});

describe('admin key rotation (the key is cached for at most 60 s)', () => {
	const url = () => `/webhook/${triggerRotated.path}`;

	test('a rotated key is accepted at once, and the old one refused right after', async () => {
		assert.equal(
			(await ctx.post(url(), SAMPLE_EVENT, ctx.kakaoHeaders('rotation-1', rotatedKeys[0]))).status,
			200,
		);
		await ctx.n8n.importCredentials([rotatedCredential(rotatedKeys[1])]);
		const fresh = await ctx.post(
			url(),
			SAMPLE_EVENT,
			ctx.kakaoHeaders('rotation-2', rotatedKeys[1]),
		);
		assert.equal(fresh.status, 200, fresh.text);
		const old = await ctx.post(url(), SAMPLE_EVENT, ctx.kakaoHeaders('rotation-3', rotatedKeys[0]));
		assert.equal(old.status, 401);
		assert.ok(!old.text.includes(rotatedKeys[1]) && !old.text.includes(rotatedKeys[0]));
	});

	test('with no request on the new key, the old key is refused within 60 s', async () => {
		await ctx.n8n.importCredentials([rotatedCredential(rotatedKeys[2])]);
		const rotatedAt = Date.now();
		let status;
		let n = 0;
		do {
			status = (
				await ctx.post(url(), SAMPLE_EVENT, ctx.kakaoHeaders(`rotation-old-${++n}`, rotatedKeys[1]))
			).status;
			if (status === 200) await sleep(3000);
		} while (status === 200 && Date.now() - rotatedAt < 75000);
		const waited = Date.now() - rotatedAt;
		console.log(
			`old key refused ${(waited / 1000).toFixed(1)} s after the rotation, after ${n} requests`,
		);
		assert.equal(status, 401);
		assert.ok(waited <= 62000, `old key still accepted ${waited} ms after the rotation`);
		assert.equal(
			(await ctx.post(url(), SAMPLE_EVENT, ctx.kakaoHeaders('rotation-new', rotatedKeys[2])))
				.status,
			200,
		);
	});
});
