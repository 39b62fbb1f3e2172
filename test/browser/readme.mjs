// Reads README.md the way the editor suite follows it: a section by its heading, its numbered
// steps, and the bold labels and code spans a step names. The suite then does what the text says,
// so a README that names something the screen does not show fails the suite.
import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './harness.mjs';

// BROWSER_README=<file> follows another README (a draft) instead of the repository's.
export const README = path.resolve(process.env.BROWSER_README || path.join(ROOT, 'README.md'));
/** Where the editor's Docs links must lead: this package's README on GitHub. */
export const REPOSITORY = 'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel';
const readme = () => fs.readFileSync(README, 'utf8');

/** The text of a `##`/`###` section (up to the next heading of the same or a higher level). */
export function readmeSection(heading, text = readme()) {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => /^#{2,3} /.test(line) && line.includes(heading));
	if (start < 0) throw new Error(`README.md has no section "${heading}"`);
	const level = lines[start].match(/^#+/)[0].length;
	const end = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level}} `).test(line));
	return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The first numbered list of a section ("1. ..."), each step with its continuation lines joined. */
export function numberedSteps(section) {
	const steps = [];
	for (const line of section.split('\n')) {
		const item = line.match(/^(\d+)\.\s+(.*)$/);
		if (item) steps.push({ number: Number(item[1]), text: item[2] });
		else if (steps.length && /^\s{2,}\S/.test(line)) steps.at(-1).text += ` ${line.trim()}`;
		else if (steps.length) break; // a blank or unindented line ends the list
	}
	return steps;
}

/** The **bold** labels of a text, in order. */
export const boldLabels = (text) => [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
/** The `code` spans of a text, in order. */
export const codeSpans = (text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
/** A text as a regular expression that matches it literally. */
export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The paragraph of a section that contains `needle` (paragraphs are split by blank lines). */
export function paragraphWith(section, needle) {
	const found = section.split(/\n\s*\n/).find((p) => p.includes(needle));
	if (!found) throw new Error(`README.md: no paragraph with "${needle}" in:\n${section}`);
	return found.replace(/\s*\n\s*/g, ' ');
}

/** Every heading anchor of README.md, as GitHub makes them (lower case, spaces to hyphens). */
export function readmeAnchors(text = readme()) {
	const prose = text.replace(/^```[\s\S]*?^```/gm, ''); // a "# comment" in a code block is no heading
	const headings = [...prose.matchAll(/^#{1,6} +(.+?)\s*$/gm)].map((m) => m[1].toLowerCase());
	return headings.map((h) => h.replace(/[^\p{L}\p{N}_-]/gu, (c) => (c === ' ' ? '-' : '')));
}
