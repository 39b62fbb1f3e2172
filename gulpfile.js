// Copies node and credential icons into dist/, where n8n looks for `file:` icons. `npm run build`
// runs it; `npm run dev` points it at the dev package with N8N_PACKAGE_DIST.
const path = require('path');
const { task, src, dest } = require('gulp');

const distDir = process.env.N8N_PACKAGE_DIST || 'dist';

task('build:icons', copyIcons);

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve(distDir, 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve(distDir, 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}
