import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { KakaoChannelTrigger } from '../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { links, readMarkdown, ROOT } from './markdown';

// The workflows of examples/ as a user imports them: well formed, on the trigger version the user
// guide recommends, with the documented credential placeholder, and listed where users look.
// test/e2e/examples.e2e.test.mjs runs each of them in a real n8n.
const PKG = 'n8n-nodes-kakao-channel';
const TRIGGER = `${PKG}.kakaoChannelTrigger`;
const PLACEHOLDER = { id: '', name: 'Kakao Channel API' }; // the credential examples/README.md names
const files = readdirSync(path.join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));
type Fields = Record<string, unknown>;
type Node = { name: string; type: string; typeVersion: number; parameters: Fields };
type Workflow = {
	nodes: Array<Node & { credentials?: Fields }>;
	connections: Record<string, Record<string, Array<Array<{ node: string }>>>>;
};
const read = (file: string) => readFileSync(path.join(ROOT, 'examples', file), 'utf8');
const examples = files.map((file) => ({ file, workflow: JSON.parse(read(file)) as Workflow }));
const trigger = new KakaoChannelTrigger().description;
const action = new KakaoChannel().description;

/** The operation values the node offers for a resource. */
function operationsOf(resource: string): string[] {
	return action.properties
		.filter((p: INodeProperties) => p.name === 'operation')
		.filter((p) => (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource))
		.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value));
}

describe('examples/', () => {
	it('holds the five workflows of the user guide', () => {
		expect(files.sort()).toEqual([
			...['ai-agent-tool.json', 'schedule-relation-audit.json', 'trigger-added-add-to-file.json'],
			...['trigger-blocked-delete-from-file.json', 'trigger-remove-duplicates.json'],
		]);
	});
	it.each(examples)('$file connects only nodes it has', ({ workflow }) => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		expect(names.size).toBe(workflow.nodes.length);
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of Object.values(outputs).flat(2)) expect(names).toContain(target.node);
		}
	});
	it('uses the Kakao Channel Trigger at the version the user guide recommends', () => {
		const recommended = Number(/use version (\d+)/.exec(readMarkdown('README.md').text)?.[1]);
		expect(recommended).toBe(trigger.defaultVersion);
		const triggers = examples.flatMap(({ file, workflow }) =>
			workflow.nodes
				.filter((n) => n.type === TRIGGER)
				.map((n) => ({ file, typeVersion: n.typeVersion })),
		);
		expect(triggers.length).toBeGreaterThanOrEqual(3);
		for (const found of triggers) expect(found).toEqual({ ...found, typeVersion: recommended });
	});
	it('refers to the credential by the documented placeholder, and uses real operations', () => {
		const nodes = examples.flatMap(({ workflow }) => workflow.nodes);
		const kakaoNodes = nodes.filter((node) => node.type.startsWith(`${PKG}.`));
		for (const node of kakaoNodes) {
			const needsKey = node.parameters.resource !== 'channel';
			if (needsKey || node.credentials)
				expect(node.credentials).toEqual({ kakaoChannelApi: PLACEHOLDER });
			if (node.type === TRIGGER) continue;
			expect(node.typeVersion).toBe(action.version);
			expect(operationsOf(String(node.parameters.resource))).toContain(node.parameters.operation);
		}
		const documented = readMarkdown('examples/README.md').text;
		expect(documented).toContain('**`Kakao Channel API`**');
	});

	const guides = ['README.md', 'docs/ko/README.md', 'examples/README.md'];
	it.each(guides)('every example is linked from %s', (guide) => {
		const targets = links(readMarkdown(guide));
		for (const file of files) expect(targets).toContain(`examples/${file}`);
	});
});
