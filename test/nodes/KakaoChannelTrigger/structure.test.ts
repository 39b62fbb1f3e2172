// From receive.ts (what webhook() calls) each file of the request path is reached by one code
// import only, so no field is picked in one file and checked in another (type imports left out).
import * as fs from 'node:fs';
import * as path from 'node:path';

const NODE_DIR = path.join(__dirname, '../../../nodes/KakaoChannelTrigger');

/** Relative imports of a file that bring code (not `import type`, not only `type` names). */
function codeImports(file: string): string[] {
	const source = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of source.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/g)) {
		const [, typeOnly, names, spec] = match;
		if (typeOnly) continue;
		const specifiers = names.replace(/[{}]/g, '').split(',');
		if (specifiers.every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
		found.push(path.join(path.dirname(file), `${spec}.ts`));
	}
	return found;
}

function walk(start: string) {
	const visits = new Map<string, number>();
	const stack = [start];
	while (stack.length > 0) {
		const file = stack.pop()!;
		visits.set(file, (visits.get(file) ?? 0) + 1);
		if (visits.get(file) === 1) stack.push(...codeImports(file));
	}
	return visits;
}

it('webhook() reaches each file of the request path by one import only', () => {
	const node = fs.readFileSync(path.join(NODE_DIR, 'KakaoChannelTrigger.node.ts'), 'utf8');
	expect(node).toMatch(/return await receiveWebhook\(this\);/);
	const visits = walk(path.join(NODE_DIR, 'webhook/receive.ts'));
	const name = (file: string) => path.relative(NODE_DIR, file);
	const twice = [...visits].filter(([, count]) => count > 1).map(([file]) => name(file));
	expect(twice).toEqual([]);
	const shared = ['baseUrl', 'channel', 'deadline'].map((file) => `../shared/${file}.ts`);
	const webhook = ['adminKeyCache', 'authorize', 'body', 'dedupe', 'event', 'filter', 'headers']
		.concat([
			'inboundIpRequest',
			'inboundIps',
			'ipRanges',
			'logLimit',
			'otherFields',
			'readOptions',
		])
		.concat(['receive', 'senderCache', 'senders', 'verify'])
		.map((file) => `webhook/${file}.ts`);
	expect([...visits.keys()].map(name).sort()).toEqual([...shared, ...webhook]);
});
