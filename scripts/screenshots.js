#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: the README's pictures of the editor, taken from a real n8n in Chromium as
 * a new user meets it. It starts the local provider and `n8n start` in a throw-away user folder,
 * signs in as the owner, adds Suno Generate from the node picker, runs a small workflow (Manual
 * Trigger → Suno Generate: Generate Music, wait, download the audio) and saves PNGs to docs/images/.
 * It prints what it saw (picker actions, panel rows, the audio's length) for the check by eye.
 *
 * Needs Chromium (`apt-get install -y chromium`; CHROMIUM=<path> for another one). Nothing leaves
 * 127.0.0.1: n8n runs offline (scripts/lib/n8n.js, and two fetches from api.n8n.io turned off
 * below), Chromium resolves no other host, and the page's requests elsewhere are aborted.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { LocalSunoProvider } = require('../test/provider/provider.js');
const n8n = require('./lib/n8n.js');
const { startServer, OWNER } = require('./lib/n8n-server.js');

const OUT = path.join(n8n.ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	// Chromium's own services (autofill, updates, accounts) resolve Google's hosts: only 127.0.0.1 resolves.
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const WORKFLOW_ID = 'sunoScreenshots01';
const TRIGGER = "When clicking 'Execute workflow'";

/** Manual Trigger → Suno Generate from the "prompt to song" example (its saving step left out). */
function screenshotWorkflow() {
	const example = n8n.readExample('prompt-to-song.json');
	const keep = [TRIGGER, 'Suno Generate'];
	return {
		...example,
		id: WORKFLOW_ID,
		name: 'Suno: a song from a description',
		nodes: example.nodes.filter((node) => keep.includes(node.name)),
		connections: { [TRIGGER]: example.connections[TRIGGER] },
	};
}

/** The picker's name for Generate Music, from the built node as n8n reads it. */
function generateMusicAction() {
	const { SunoGenerate } = require(
		path.join(n8n.ROOT, 'dist/nodes/SunoGenerate/SunoGenerate.node.js'),
	);
	const option = new SunoGenerate().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => property.options)
		.find((candidate) => candidate.value === 'generateMusic');
	return option.action ?? option.name;
}

/** A browser that reaches 127.0.0.1 only; every other request is aborted and listed. */
async function openBrowser() {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM`);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const blocked = [];
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
		blocked.push(url.origin + url.pathname);
		return route.abort();
	});
	return { browser, page: await context.newPage(), blocked };
}

async function signIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[type=email]').fill(OWNER.email);
	await page.locator('input[type=password]').fill(OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30000 });
}

const byTestId = (page, id) => page.locator(`[data-test-id="${id}"]`);

/** Rows the open node panel shows, top to bottom, as "Label: value". */
async function panelRows(page) {
	const ITEM = '.node-credentials, .parameter-item, .notice';
	return byTestId(page, 'node-parameters').evaluate(
		(panel, ITEM) =>
			[...panel.querySelectorAll(ITEM)]
				.filter((item) => item.offsetParent && !item.parentElement.closest(ITEM))
				.map((item) => {
					const label = item.querySelector('label');
					const text = (label ?? item).innerText.split('\n')[0].trim();
					const input = item.querySelector('input:not([type=hidden]), textarea');
					const tags = [
						...new Set([...item.querySelectorAll('.el-tag')].map((tag) => tag.innerText)),
					];
					const value =
						input?.type === 'checkbox'
							? input.checked
								? 'on'
								: 'off'
							: tags.length
								? tags.join(', ')
								: (input?.value ?? '');
					return value ? `${text}: ${value}` : text;
				}),
		ITEM,
	);
}

/** (c) the node picker after searching "suno" and opening Suno Generate; (a) its panel once added. */
async function pickerAndPanel(page, baseUrl) {
	await page.setViewportSize({ width: 1400, height: 1300 });
	await page.goto(`${baseUrl}/workflow/new`);
	await byTestId(page, 'node-creator-plus-button').click();
	await byTestId(page, 'node-creator-search-bar').pressSequentially('suno', { delay: 40 });
	await byTestId(page, 'node-creator-item-name')
		.getByText('Suno Generate', { exact: true })
		.click();
	const creator = byTestId(page, 'node-creator');
	const action = generateMusicAction();
	await creator.getByText(action, { exact: true }).waitFor();
	await page.waitForTimeout(500);
	// The picker down to its last action: n8n's footer and empty space below are no help.
	const box = await creator.boundingBox();
	const footer = await creator.getByText('Report issue').boundingBox();
	await page.screenshot({
		path: path.join(OUT, 'suno-picker.png'),
		clip: { ...box, height: Math.min(box.height, (footer?.y ?? Infinity) - box.y - 8) },
	});
	const actions = await creator.evaluate((element) => element.innerText);
	console.log(`Picker after "suno" → Suno Generate:\n${indent(actions)}`);

	await creator.getByText(action, { exact: true }).click();
	const parameters = byTestId(page, 'node-parameters');
	await parameters.waitFor();
	await page.waitForTimeout(1000);
	const column = await parameters.evaluate((element) => {
		const panel = element.parentElement.parentElement.getBoundingClientRect();
		const add = element.querySelector('[data-test-id="collection-parameter-add"]');
		return {
			x: panel.x,
			y: panel.y,
			width: panel.width,
			bottom: add.getBoundingClientRect().bottom,
		};
	});
	await page.screenshot({
		path: path.join(OUT, 'suno-generate-panel.png'),
		clip: { x: column.x, y: column.y, width: column.width, height: column.bottom - column.y + 16 },
	});
	console.log(`Node title: ${await byTestId(page, 'node-title-container').innerText()}`);
	console.log(`Panel rows, top to bottom:\n${indent((await panelRows(page)).join('\n'))}`);
}

/** (b) the output of a run of the imported workflow, as a table; and the audio player's length. */
async function output(page, baseUrl) {
	await page.setViewportSize({ width: 1700, height: 720 });
	await page.goto(`${baseUrl}/workflow/${WORKFLOW_ID}`);
	// n8n's "Workflow executed successfully" toast would cover the table.
	await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
	const run = byTestId(page, 'execute-workflow-button');
	await run.click();
	const generate = byTestId(page, 'canvas-node').filter({ hasText: 'Suno Generate' });
	await generate
		.getByText(/items?$/)
		.or(page.getByText('2 items'))
		.first()
		.waitFor({ timeout: 120000 });
	console.log(`Canvas: ${(await generate.innerText()).replace(/\n+/g, ' | ')}`);
	await generate.dblclick();
	const panel = byTestId(page, 'output-panel');
	await panel.locator('[data-test-id="radio-button-table"]').waitFor();
	// Drag the parameters column to the left so the output table has the room.
	const handle = await byTestId(page, 'panel-drag-button').boundingBox();
	await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
	await page.mouse.down();
	await page.mouse.move(60, handle.y + handle.height / 2, { steps: 10 });
	await page.mouse.up();
	await panel.locator('[data-test-id="radio-button-table"]').click();
	await panel.locator('table').waitFor();
	await page.waitForTimeout(500);
	const box = await panel.boundingBox();
	const table = await panel.locator('table').boundingBox();
	await page.screenshot({
		path: path.join(OUT, 'suno-generate-output.png'),
		clip: { ...box, height: Math.min(box.height, table.y + table.height + 16 - box.y) },
	});
	const columns = await panel.locator('table thead th').allInnerTexts();
	console.log(
		`Output table columns: ${columns
			.map((name) => name.trim())
			.filter(Boolean)
			.join(', ')}`,
	);

	await panel.locator('[data-test-id="radio-button-binary"]').click();
	await byTestId(page, 'ndv-view-binary-data').first().click();
	const audio = await page.locator('audio').evaluate(
		(element) =>
			new Promise((resolve) => {
				const done = () => resolve({ duration: element.duration, error: element.error?.code });
				if (element.readyState >= 1) done();
				element.addEventListener('loadedmetadata', done);
				element.addEventListener('error', done);
			}),
	);
	console.log(
		`n8n's audio player: duration ${audio.duration.toFixed(2)} s, error ${audio.error ?? 'none'}`,
	);
	if (!(audio.duration > 0)) throw new Error("n8n's audio player cannot play the demo song");
}

function indent(text) {
	return text
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => `  ${line.trim()}`)
		.join('\n');
}

/** The three pictures; when n8n's editor changes and a step fails, a picture of the page shows why. */
async function takeScreenshots(page, baseUrl) {
	try {
		await signIn(page, baseUrl);
		await pickerAndPanel(page, baseUrl);
		await output(page, baseUrl);
	} catch (error) {
		const picture = path.join(os.tmpdir(), 'suno-screenshots-failure.png');
		await page.screenshot({ path: picture }).catch(() => {});
		error.message += `\n(the page when it failed: ${picture})`;
		throw error;
	}
}

async function main() {
	const runtime = n8n.ensureRuntime();
	fs.mkdirSync(OUT, { recursive: true });
	const provider = await new LocalSunoProvider({ songFormat: 'wav' }).start();
	const userFolder = n8n.createUserFolder('suno-shots-');
	let server = null;
	let browser = null;
	try {
		const credential = await n8n.importSunoCredential(runtime, userFolder, {
			apiKey: provider.apiKey,
			baseUrl: provider.url,
		});
		await n8n.importWorkflow(runtime, userFolder, screenshotWorkflow(), credential);
		server = await startServer(runtime, userFolder, {
			env: { N8N_LOG_LEVEL: 'warn' },
		});
		console.log(`n8n ${runtime.n8nVersion} at ${server.baseUrl}, provider at ${provider.url}`);
		const opened = await openBrowser();
		browser = opened.browser;
		await takeScreenshots(opened.page, server.baseUrl);
		for (const name of fs.readdirSync(OUT).filter((file) => file.endsWith('.png')))
			console.log(
				`${path.join('docs/images', name)}: ${fs.statSync(path.join(OUT, name)).size} bytes`,
			);
		if (opened.blocked.length)
			console.log(
				`Requests the browser kept from leaving 127.0.0.1: ${[...new Set(opened.blocked)].join(', ')}`,
			);
	} finally {
		await browser?.close();
		await server?.stop();
		await provider.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`npm run screenshots failed: ${error.message}`);
	process.exit(1);
});
