import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { KakaoChannelTrigger } from '../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { commands, emphasized, links, readMarkdown, ROOT } from './markdown';

// The user guide (README.md, the npm page) and its Korean translation (docs/ko/README.md) stay in
// step, and every link in the documents this repository's guides consist of leads somewhere.
const README = 'README.md';
const KOREAN = 'docs/ko/README.md';
const en = readMarkdown(README);
const ko = readMarkdown(KOREAN);

// The headings other files link to (codex and credential docs links point at these anchors).
const PLANNED_ANCHORS = [
	...['try-it-locally', 'install-in-n8n', 'set-up-kakao', 'credentials', 'kakao-channel-trigger'],
	...['public-https-url', 'kakao-channel-operations', 'when-something-fails', 'compatibility'],
	...['examples', 'troubleshooting', 'more'],
];

/** Every option, field and collection entry name the two nodes show in n8n's editor. */
function uiNames(properties: INodeProperties[]): string[] {
	return properties.flatMap((property) => [
		property.displayName,
		...((property.options ?? []) as Array<INodeProperties | { name: string }>).flatMap((option) =>
			'displayName' in option ? uiNames([option as INodeProperties]) : [option.name],
		),
	]);
}
const ACTION_PROPERTIES = new KakaoChannel().description.properties;
const TRIGGER_PROPERTIES = new KakaoChannelTrigger().description.properties;
const NODE_UI_NAMES = new Set(uiNames([...ACTION_PROPERTIES, ...TRIGGER_PROPERTIES]));

describe('README.md is the user guide', () => {
	it('has the planned headings, in order, with their anchors', () => {
		const anchors = en.headings.filter((h) => h.level > 1).map((h) => h.anchor);
		expect(anchors).toEqual(PLANNED_ANCHORS);
		expect(en.headings[0]).toMatchObject({ level: 1, text: 'n8n-nodes-kakao-channel' });
	});
	it('stays short and says nothing about one machine or one registry', () => {
		expect(en.text.split('\n').length).toBeLessThanOrEqual(300);
		const local = [/this (project's )?machine/i, /2-core/, /\.n8n-runtime\/[12]\//];
		for (const phrase of [...local, /registry mirror/i, /other engineers/i])
			expect(en.text).not.toMatch(phrase);
	});
	it('links to the Korean guide in its first lines, and the Korean guide links back', () => {
		expect(en.text.split('\n').slice(0, 5).join('\n')).toContain('](docs/ko/README.md)');
		expect(ko.text.split('\n').slice(0, 5).join('\n')).toContain('](../../README.md)');
	});
	it("names every trigger option and the Timeout as n8n's editor shows them, units included", () => {
		const options = TRIGGER_PROPERTIES.find((property) => property.name === 'options')?.options;
		const timeout = uiNames(ACTION_PROPERTIES).filter((name) => /^Timeout/.test(name));
		const optionNames = (options as INodeProperties[]).map((option) => option.displayName);
		const shown = [...optionNames, ...new Set(timeout)];
		expect(shown).toEqual(expect.arrayContaining(['Max Event Age (Minutes)', 'Timeout (Seconds)']));
		const named = emphasized(en);
		expect(shown.filter((name) => !named.has(name))).toEqual([]);
	});
	it('gives the two commands of the brief: npm ci && npm start, npm ci && npm test', () => {
		const brief = ['npm ci && npm start', 'npm ci && npm test'];
		expect(commands(en)).toEqual(expect.arrayContaining(brief));
	});
});

describe('the Korean guide keeps in step with README.md', () => {
	it('has the same headings structure in the same order, with the same anchors', () => {
		const shape = (md: typeof en) => md.headings.map((h) => `${h.level} ${h.anchor}`);
		expect(shape(ko).slice(1)).toEqual(shape(en).slice(1));
		expect(ko.headings[0].text).toBe(en.headings[0].text);
	});
	it('gives the same commands and settings', () => {
		expect([...new Set(commands(ko))].sort()).toEqual([...new Set(commands(en))].sort());
	});
	it('names the same node options, as n8n shows them (in English)', () => {
		const named = (md: typeof en) =>
			[...emphasized(md)].filter((text) => NODE_UI_NAMES.has(text)).sort();
		expect(named(en).length).toBeGreaterThan(3);
		expect(named(ko)).toEqual(named(en));
	});
	it('links to the same targets, as often (apart from the links between the two guides)', () => {
		const between = new Set([KOREAN, README]);
		// Kakao's docs are linked in each guide's language.
		const kakaoDocs = (md: typeof en) =>
			`developers.kakao.com/docs/latest/${md === ko ? 'ko' : 'en'}/`;
		const targets = (md: typeof en) =>
			links(md)
				.map((t) =>
					t.replace(`${md.file}#`, '#').replace(kakaoDocs(md), 'developers.kakao.com/docs/latest/'),
				)
				.filter((t) => !between.has(t))
				.sort();
		expect(targets(ko)).toEqual(targets(en));
	});
});

// Every relative link of every document is checked in facts.test.ts.
it('the N8N_COMMUNITY_PACKAGES example of the guides installs a version that exists: released, or about to be', () => {
	const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	const sections = changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/gm);
	const released = [...sections].map(([, v]) => v);
	for (const md of [en, ko]) {
		const named = /"name":"n8n-nodes-kakao-channel","version":"([^"]+)"/.exec(md.text)?.[1];
		expect([version, ...released]).toContain(named);
	}
});
