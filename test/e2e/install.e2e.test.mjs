// End to end, install: n8n (2.41.1, or 1.123.81 with N8N_FLAVOR=1) loads the package installed
// from its `npm pack` tarball, as n8n's community-package installer installs it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { PKG } from '../../scripts/sandbox/workflows.mjs';
import { flavor, useN8n } from './harness.mjs';

const ctx = useN8n();

describe(`n8n ${flavor}.x loads the package installed from its npm pack tarball`, () => {
	test('n8n lists both nodes and both credentials', async () => {
		const nodes = await ctx.n8n.listNodeTypes();
		assert.ok(nodes.includes(`${PKG}.kakaoChannel`), 'kakaoChannel node missing');
		assert.ok(nodes.includes(`${PKG}.kakaoChannelTrigger`), 'kakaoChannelTrigger node missing');
		const credentials = await ctx.n8n.listCredentialTypes();
		assert.ok(credentials.includes('kakaoChannelApi'));
		assert.ok(credentials.includes('kakaoChannelOAuth2Api'));
		assert.ok(
			fs.existsSync(
				path.join(ctx.n8n.package.target, 'dist/nodes/KakaoChannel/KakaoChannel.node.js'),
			),
		);
		assert.ok(
			!fs.lstatSync(ctx.n8n.package.target).isSymbolicLink(),
			'the package must be a real install, not a link',
		);
	});
});
