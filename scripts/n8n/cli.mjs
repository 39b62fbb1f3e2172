// n8n's own CLI: imports workflows and credentials before the server starts.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const log = (msg) => process.stderr.write(`[n8n-server] ${msg}\n`);

export function runCli(runtime, env, args, { timeoutMs = 180000 } = {}) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
			env,
			cwd: env.N8N_USER_FOLDER,
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const took = ((Date.now() - t0) / 1000).toFixed(1);
			// Some versions exit 0 after logging an import error, so look at the text too.
			const failed = code !== 0 || /An error occurred|ERROR:/.test(out);
			const tail = out
				.split('\n')
				.filter((l) => l && !/migration/i.test(l))
				.slice(-40)
				.join('\n');
			if (failed)
				reject(
					new Error(
						`n8n ${args.join(' ')} failed (code ${code}, signal ${signal}, ${took}s):\n${tail}`,
					),
				);
			else {
				log(`n8n ${args[0]} ${args[1] ?? ''} took ${took}s`);
				resolve({ out, seconds: Number(took) });
			}
		});
	});
}

const newId = () => crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);

// Copies JSON files/objects into one folder (ids filled in) so one CLI run imports them all.
function stageJson(dir, items) {
	fs.mkdirSync(dir, { recursive: true });
	return items
		.map((item, i) => {
			const data =
				typeof item === 'string'
					? JSON.parse(fs.readFileSync(item, 'utf8'))
					: structuredClone(item);
			const list = Array.isArray(data) ? data : [data];
			for (const entry of list) entry.id ??= newId();
			list.forEach((entry, j) =>
				fs.writeFileSync(path.join(dir, `${i}-${j}.json`), JSON.stringify(entry)),
			);
			return list;
		})
		.flat();
}

/**
 * Imports workflows and publishes (activates) those not started by hand: a workflow whose only
 * trigger is a Manual Trigger cannot be. Run before `start`: a running n8n does not see it.
 */
export async function importWorkflows(runtime, env, workflows) {
	if (!workflows.length) return [];
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-workflows-'));
	const staged = stageJson(dir, workflows);
	await runCli(runtime, env, ['import:workflow', '--separate', `--input=${dir}`]);
	fs.rmSync(dir, { recursive: true, force: true });
	const active = staged.filter(
		(wf) => !wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'),
	);
	// Each CLI run boots n8n (~5 s). 1.x can activate all in one run (the folder is fresh);
	// 2.x publishes one workflow per run.
	if (runtime.flavor === '1' && active.length === staged.length)
		await runCli(runtime, env, ['update:workflow', '--all', '--active=true']);
	else
		for (const wf of active)
			await runCli(
				runtime,
				env,
				runtime.flavor === '1'
					? ['update:workflow', `--id=${wf.id}`, '--active=true']
					: ['publish:workflow', `--id=${wf.id}`],
			);
	return staged;
}

/**
 * Imports credentials ({ id?, name, type, data: {plain object} }); n8n encrypts an object
 * `data` with the instance key on import. Credentials are read from the database at execution
 * time, so this also works while n8n is running.
 */
export async function importCredentials(runtime, env, credentials) {
	if (!credentials.length) return [];
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-credentials-'));
	try {
		const staged = stageJson(dir, credentials);
		await runCli(runtime, env, ['import:credentials', '--separate', `--input=${dir}`]);
		return staged.map(({ id, name, type }) => ({ id, name, type }));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true }); // holds plain secrets
	}
}

/** Paths a workflow's webhook nodes will listen on, where they can be told from the JSON. */
export function webhookPaths(workflow, nodeTypes = []) {
	const paths = [];
	for (const node of workflow.nodes || []) {
		if (node.disabled || !node.webhookId) continue;
		if (node.type === 'n8n-nodes-base.webhook') {
			const p = String(node.parameters?.path ?? node.webhookId).replace(/^\/+/, '');
			if (!p.startsWith('=') && !p.includes(':')) paths.push(p);
			continue;
		}
		// Other webhook nodes listen on <webhookId>/<path from the node's description>.
		const desc = nodeTypes.find((t) => t.name === node.type);
		for (const hook of desc?.webhooks || []) {
			if (typeof hook.path === 'string' && !hook.path.startsWith('=') && hook.name === 'default') {
				paths.push(hook.isFullPath ? hook.path : `${node.webhookId}/${hook.path}`);
			}
		}
	}
	return [...new Set(paths)];
}
