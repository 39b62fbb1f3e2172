// E, the floor for any community trigger: a package with one trigger that does nothing but hand
// the body to the workflow. Same webhook description as the Kakao trigger (POST, answered on
// receipt, no data), no credential, no parameters. Packed with npm so n8n installs it like ours.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
export const FLOOR_NODE_TYPE = `${FLOOR_PACKAGE}.floorTrigger`;

const NODE_SOURCE = `'use strict';
class FloorTrigger {
  constructor() {
    this.description = {
      displayName: 'Floor Trigger',
      name: 'floorTrigger',
      group: ['trigger'],
      version: [1, 2],
      defaultVersion: 2,
      description: 'Starts the workflow with the request body and does nothing else',
      defaults: { name: 'Floor Trigger' },
      inputs: [],
      outputs: ['main'],
      webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
      properties: [],
    };
  }
  async webhook() {
    return { workflowData: [[{ json: this.getBodyData() }]] };
  }
}
module.exports = { FloorTrigger };
`;

/** Writes the package into `dir`/floor and packs it there; returns the tarball's path. */
export function buildFloorPackage(dir) {
	const root = path.join(dir, 'floor');
	fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
	fs.writeFileSync(path.join(root, 'dist', 'FloorTrigger.node.js'), NODE_SOURCE);
	const pkg = {
		name: FLOOR_PACKAGE,
		version: '1.0.0',
		description: 'Benchmark floor: a community trigger that does nothing',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		main: 'index.js',
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/FloorTrigger.node.js'] },
	};
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return path.join(dir, name);
}
