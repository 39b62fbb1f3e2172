// Proves the harness end to end without our build: a throwaway community package with one
// node is linked, a Webhook -> Dummy workflow is imported and activated, one POST must give
// one successful execution in the public API.
//   node scripts/n8n/smoke.mjs [--flavor 2|1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlavor } from './runtime.mjs';
import { startN8n } from './n8n-server.mjs';

const DUMMY_NODE = `'use strict';
class Dummy {
  constructor() {
    this.description = {
      displayName: 'Dummy', name: 'dummy', group: ['transform'], version: 1,
      description: 'Adds dummy: true', defaults: { name: 'Dummy' },
      inputs: ['main'], outputs: ['main'], properties: [],
    };
  }
  async execute() {
    return [this.getInputData().map((i) => ({ json: { ...i.json, dummy: true } }))];
  }
}
module.exports = { Dummy };
`;

function makeDummyPackage() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-smoke-'));
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.writeFileSync(path.join(dir, 'dist', 'Dummy.node.js'), DUMMY_NODE);
	const pkg = {
		name: 'n8n-nodes-smoke',
		version: '0.0.1',
		keywords: ['n8n-community-node-package'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/Dummy.node.js'] },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	return dir;
}

const workflow = {
	name: 'Smoke: webhook -> dummy',
	nodes: [
		{
			parameters: { httpMethod: 'POST', path: 'smoke', options: {} },
			id: 'b7f4a5c0-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b7f4a5c0-0000-4000-8000-0000000000aa',
		},
		{
			parameters: {},
			id: 'b7f4a5c0-0000-4000-8000-000000000002',
			name: 'Dummy',
			type: 'n8n-nodes-smoke.dummy',
			typeVersion: 1,
			position: [220, 0],
		},
	],
	connections: { Webhook: { main: [[{ node: 'Dummy', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

const results = [];
function check(name, ok, detail = '') {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

const flavor = parseFlavor(process.argv.slice(2));
const packageDir = makeDummyPackage();
const t0 = Date.now();
const n8n = await startN8n({ flavor, packageDir, workflows: [workflow] });
try {
	console.log(`n8n ${flavor}.x at ${n8n.baseUrl}, timings ${JSON.stringify(n8n.timings)}`);
	const types = await n8n.listNodeTypes();
	check(
		'node type n8n-nodes-smoke.dummy is loaded',
		types.includes('n8n-nodes-smoke.dummy'),
		`${types.length} types`,
	);
	check('credential types are listed', (await n8n.listCredentialTypes()).length > 0);

	const res = await fetch(`${n8n.baseUrl}/webhook/smoke`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ hello: 'smoke' }),
	});
	check('webhook answers 200', res.status === 200, `${res.status} ${await res.text()}`);

	const executions = await n8n.waitForExecutions({ workflowId: n8n.workflowIds[0], count: 1 });
	const full = await n8n.getExecution(executions[0].id);
	const out = full.data?.resultData?.runData?.Dummy?.[0]?.data?.main?.[0]?.[0]?.json;
	check('one execution in the public API', executions.length === 1, `status ${full.status}`);
	check('dummy node ran on the webhook body', out?.dummy === true && out?.body?.hello === 'smoke');
} catch (e) {
	check('smoke run', false, e.message);
} finally {
	await n8n.stop();
	fs.rmSync(packageDir, { recursive: true, force: true });
}
const failed = results.filter((r) => !r).length;
console.log(`smoke took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
