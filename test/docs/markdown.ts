// A small reader for the repository's Markdown: headings with their anchors, links, code and
// emphasis, enough for the documentation tests. Not a full CommonMark parser.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** `anchor`: the anchor a link reaches it by: an `<a id>` right above it, else GitHub's slug. */
export type Heading = { level: number; text: string; anchor: string };
/** `prose`: the text without fenced code blocks; `anchors`: heading slugs and `<a id>`s. */
type Source = { file: string; text: string; prose: string };
export type MarkdownFile = Source & { headings: Heading[]; anchors: Set<string> };

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
	return text
		.replace(/`/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

export function readMarkdown(file: string): MarkdownFile {
	const text = readFileSync(path.join(ROOT, file), 'utf8');
	const prose = text.replace(/^```[\s\S]*?^```/gm, '');
	const headings: Heading[] = [];
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let explicit: string | undefined;
	for (const line of prose.split('\n')) {
		const id = /^<a id="([^"]+)"><\/a>$/.exec(line.trim());
		if (id) {
			explicit = id[1];
			anchors.add(explicit);
			continue;
		}
		const heading = /^(#{1,6}) (.+)$/.exec(line);
		if (heading) {
			let own = slug(heading[2]);
			const count = seen.get(own) ?? 0;
			seen.set(own, count + 1);
			if (count > 0) own = `${own}-${count}`;
			anchors.add(own);
			headings.push({ level: heading[1].length, text: heading[2], anchor: explicit ?? own });
		}
		if (line.trim() !== '') explicit = undefined;
	}
	return { file, text, prose, headings, anchors };
}

/** Link targets in the prose, relative ones resolved to repository paths (`docs/x.md#anchor`). */
export function links(md: MarkdownFile): string[] {
	const targets = [...md.prose.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
	return targets.map((target) => {
		if (/^[a-z]+:/.test(target)) return target;
		if (target.startsWith('#')) return `${md.file}${target}`;
		const [file, anchor] = target.split('#');
		const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(md.file), file));
		return anchor === undefined ? resolved : `${resolved}#${anchor}`;
	});
}

const COMMAND = /^(?:npm|npx|node|git|cd|mkdir|bash|docker|N8N_[A-Z_]+=|WEBHOOK_URL=)/;

/** Shell commands and settings in code spans and code blocks, comments stripped. */
export function commands(md: MarkdownFile): string[] {
	const spans = [...md.prose.matchAll(/`([^`\n]+)`/g)].map(([, code]) => code);
	const blocks = [...md.text.matchAll(/^```(?:sh|bash)?\n([\s\S]*?)^```/gm)];
	const blockLines = blocks.flatMap(([, block]) => block.split('\n'));
	return [...spans, ...blockLines]
		.map((line) => line.replace(/\s+#.*$/, '').trim())
		.filter((line) => COMMAND.test(line));
}

/** Texts in **bold** or *italics*. */
export function emphasized(md: MarkdownFile): Set<string> {
	return new Set([...md.prose.matchAll(/(\*\*?)([^*\n]+?)\1/g)].map(([, , inner]) => inner.trim()));
}
