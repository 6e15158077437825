#!/usr/bin/env node
'use strict';
/**
 * Run by `prepublishOnly` after `npm run build`: refuses to publish unless every node and
 * credential that package.json declares to n8n is in dist/, with the icons and codex file n8n
 * reads beside each node. A publish without them would install in n8n and show nothing.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
const missing = [];

if (declared.length === 0) missing.push('package.json declares no n8n nodes or credentials');
for (const file of declared) {
	const full = path.join(root, file);
	if (!file.startsWith('dist/') || !fs.existsSync(full)) {
		missing.push(file);
		continue;
	}
	if (file.endsWith('.node.js')) {
		const codex = full.replace(/\.js$/, '.json');
		if (!fs.existsSync(codex)) missing.push(path.relative(root, codex));
	}
	const source = fs.readFileSync(full, 'utf8');
	for (const [, icon] of source.matchAll(/['"]file:([^'"]+)['"]/g)) {
		const iconPath = path.join(path.dirname(full), icon);
		if (!fs.existsSync(iconPath)) missing.push(path.relative(root, iconPath));
	}
}

if (missing.length > 0) {
	console.error(`Refusing to publish: not in the build:\n  ${missing.join('\n  ')}`);
	process.exit(1);
}
console.log(
	`dist/ holds the ${declared.length} files package.json declares to n8n, with their icons.`,
);
