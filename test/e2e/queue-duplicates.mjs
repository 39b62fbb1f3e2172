// Queue mode: what the trigger's duplicate memory does across two webhook processes and
// restarts, alone and with the Remove Duplicates recipe (see queue.e2e.test.mjs for the topology).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CHANNEL, SAMPLE_EVENT, sleep } from './harness.mjs';

/** ctx() -> { q, plain, recipe, kakaoHeaders, relationCalls, executions, waitForExecutions, emitted }. */
export function duplicateTests(ctx) {
	test('trigger alone: a repeat is dropped by the process that saw it, not by the other one', async () => {
		const { q, plain, kakaoHeaders, executions, waitForExecutions } = ctx();
		const before = (await executions(plain.workflow.id)).length;
		const [first, second] = q.webhooks.map((w) => w.url);
		const event = { ...SAMPLE_EVENT, id: '1002', channel_public_id: CHANNEL };
		const a = await q.post(first, plain.path, event, kakaoHeaders('plain-repeat'));
		const b = await q.post(first, plain.path, event, kakaoHeaders('plain-repeat'));
		const c = await q.post(second, plain.path, event, kakaoHeaders('plain-repeat'));
		assert.deepEqual([a.status, b.status, c.status], [200, 200, 200]);
		assert.match(b.text, /duplicate/);
		assert.doesNotMatch(c.text, /duplicate/);
		await waitForExecutions(plain.workflow.id, before + 2);
		await sleep(1500);
		assert.equal(
			(await executions(plain.workflow.id)).length,
			before + 2,
			'per-process memory: the second process starts a second run',
		);
	});

	test('with the Remove Duplicates recipe, a repeat on the other process or after a restart does no work', async () => {
		const { q, recipe, kakaoHeaders, relationCalls, executions, waitForExecutions, emitted } =
			ctx();
		const event = { ...SAMPLE_EVENT, id: '1004', channel_public_id: CHANNEL };
		const viaFirst = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		await waitForExecutions(recipe.id, 1);
		const viaSecond = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		assert.notEqual(
			viaFirst.servedBy,
			viaSecond.servedBy,
			'the repeat reaches the other webhook process',
		);
		assert.deepEqual([viaFirst.status, viaSecond.status], [200, 200]);
		await waitForExecutions(recipe.id, 2);

		const t0 = Date.now();
		await q.restart([...q.webhooks, q.worker]);
		console.log(
			`webhook processes and worker restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
		);
		await q.waitForWebhookPath(recipe.path);
		const afterRestart = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		assert.equal(afterRestart.status, 200);
		assert.doesNotMatch(
			afterRestart.text,
			/duplicate/,
			'the restarted process has forgotten it; the recipe must catch it',
		);
		const fresh = await q.post(
			q.publicUrl,
			recipe.path,
			{ ...event, id: '1005' },
			kakaoHeaders('recipe-delivery-2'),
		);
		assert.equal(fresh.status, 200);

		const runs = await waitForExecutions(recipe.id, 4);
		await sleep(1500);
		assert.equal((await executions(recipe.id)).length, 4);
		const worked = [];
		for (const execution of runs) {
			q.assertRanOnWorker(execution.id);
			const out = await emitted(execution.id, 'Confirm relation');
			if (out.length) worked.push(out[0].user_id);
		}
		assert.deepEqual(worked.sort(), ['1004', '1005'], 'one run that does work per delivery id');
		assert.equal(relationCalls('1004'), 1);
		assert.equal(relationCalls('1005'), 1);
	});

	test('simultaneous duplicates on both webhook processes: never lost; how often both run is measured (no lock, see README)', async () => {
		const { q, recipe, kakaoHeaders, relationCalls, executions, waitForExecutions, emitted } =
			ctx();
		const pairs = 10;
		const outcomes = [];
		for (let pair = 0; pair < pairs; pair++) {
			const before = new Set((await executions(recipe.id)).map((e) => e.id));
			const user = String(20001 + pair);
			const callsBefore = relationCalls(user);
			const headers = kakaoHeaders(`recipe-simultaneous-${pair}`);
			const answers = await Promise.all(
				q.webhooks.map((w) =>
					q.post(
						w.url,
						recipe.path,
						{ ...SAMPLE_EVENT, id: user, channel_public_id: CHANNEL },
						headers,
					),
				),
			);
			assert.deepEqual(
				answers.map((a) => a.status),
				[200, 200],
			);
			const runs = (await waitForExecutions(recipe.id, before.size + 2)).filter(
				(e) => !before.has(e.id),
			);
			let worked = 0;
			for (const execution of runs)
				if ((await emitted(execution.id, 'Confirm relation')).length) worked++;
			assert.equal(relationCalls(user) - callsBefore, worked);
			outcomes.push(worked);
		}
		console.log(
			`simultaneous duplicate pairs on two webhook processes: ${outcomes.filter((n) => n === 1).length} of ${pairs} ran the work once, ${outcomes.filter((n) => n === 2).length} twice`,
		);
		assert.ok(
			outcomes.every((n) => n >= 1),
			'a delivery is never lost',
		);
	});
}
