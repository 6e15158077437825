#!/usr/bin/env node
'use strict';
/**
 * Measures one request through the code (issue #20): Suno Generate → Generate Music, Wait for
 * Completion on, Download Files: Audio — the request of the execution test "Download Files attaches
 * each finished clip’s audio" (test/execution/generate.test.ts), run the same way: real n8n
 * WorkflowExecute (test/harness/workflow-runner.ts) against the local provider on 127.0.0.1.
 *
 * Method: the TypeScript files are compiled in memory (typescript's transpileModule, the repo's
 * tsconfig.test.json, a source map per file). In nodes/** and credentials/** a transformer puts one
 * call to a tracer at the start of every function body (function, arrow, method, constructor
 * after its super(), accessor). The request runs once to warm up, the trace is switched on, and it
 * runs again; only that second run counts, so module loading and first-use caching do not. At each
 * entry the tracer reads the V8 call stack (structured CallSites): the first frame below the entered
 * function that has a file, skipping builtins such as Array.prototype.map, is its caller; its
 * position, mapped back through the source map, is the call site in the TypeScript source.
 *
 * Printed: the files whose functions ran, in the order they were first entered; per file its lines,
 * how many of its functions ran, the distinct call sites in our other files that entered it and
 * from which files, and, for a file entered from a caller again after another caller, the order of
 * its callers over time ("run.ts › collect.ts › run.ts"; a repeating block such as a polling loop
 * is one phase, "(collect.ts › retry.ts) ×4").
 * `--sites` lists every cross-file call site.
 *
 * What counts as a cross-file call: a call whose caller frame is in one of our files and whose
 * callee is a function of another of our files, as executed. Calls made at run time are counted
 * whatever their form — imported functions, methods on the client or on a failure object,
 * operations reached through the router's map, callbacks passed to our helpers and called back
 * (then the helper's call site counts, e.g. a pool calling the engine's per-task function), and
 * functions built in one file and called later from another. Limits: a call site counts once
 * however often it ran; `items.map(fn)` counts at the `.map(` call; a function called by n8n or by
 * the event loop (a timer, a promise's then) has no caller of ours and is listed as entered from
 * "n8n" or "async"; code that is not in a function body — class field initialisers of classes
 * without a constructor, module top level — is not traced; a call to a function of our files
 * that is not ours (a test helper) is not counted.
 *
 * Each call site is marked as naming its callee (`f(…)`, `client.submit(…)`, `f.call(this, …)`)
 * or calling a function value (a callback called back, a function built in another file and kept):
 * `⇢` in the `--sites` list. "Distinct hops" counts caller function → callee function pairs, nearer
 * to what a reader counts who notes "normalise.ts calls values.ts's link" once, not ten times.
 *
 * Dev-only measurement, not part of `npm test`: `npm run request-path [-- --sites]`.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const OURS = /^(nodes|credentials)\//;
const TRACER = '__requestPathTrace';

const compilerOptions = (() => {
	const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.test.json'), ts.sys.readFile).config;
	const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
	return {
		...parsed,
		module: ts.ModuleKind.CommonJS,
		noEmit: false,
		sourceMap: true,
		inlineSourceMap: false,
		inlineSources: false,
		declaration: false,
	};
})();

/** Our files as loaded: path, lines, parsed source, source map, and their functions. */
const files = [];
const fileByPath = new Map();

const FUNCTION_KINDS = new Set([
	ts.SyntaxKind.FunctionDeclaration,
	ts.SyntaxKind.FunctionExpression,
	ts.SyntaxKind.ArrowFunction,
	ts.SyntaxKind.MethodDeclaration,
	ts.SyntaxKind.Constructor,
	ts.SyntaxKind.GetAccessor,
	ts.SyntaxKind.SetAccessor,
]);

function functionName(node, sourceFile) {
	const owner = ts.isClassLike(node.parent) && node.parent.name ? `${node.parent.name.text}.` : '';
	if (node.kind === ts.SyntaxKind.Constructor) return `${owner}constructor`;
	if (node.name) return owner + node.name.getText(sourceFile);
	const parent = node.parent;
	if (
		(ts.isVariableDeclaration(parent) ||
			ts.isPropertyAssignment(parent) ||
			ts.isPropertyDeclaration(parent)) &&
		parent.name
	)
		return parent.name.getText(sourceFile);
	if (ts.isCallExpression(parent)) {
		const callee = parent.expression.getText(sourceFile).replace(/\s+/g, '');
		return `(callback of ${callee.length > 30 ? `…${callee.slice(-30)}` : callee})`;
	}
	for (let outer = parent; outer; outer = outer.parent)
		if (FUNCTION_KINDS.has(outer.kind)) return `(anonymous in ${functionName(outer, sourceFile)})`;
	return '(anonymous)';
}

/** A `before` transformer: a tracer call first in every function body of the file. */
function instrument(file) {
	return (context) => {
		const f = context.factory;
		const traceCall = (index) =>
			f.createExpressionStatement(
				f.createCallExpression(f.createIdentifier(TRACER), undefined, [
					f.createNumericLiteral(file.index),
					f.createNumericLiteral(index),
				]),
			);
		const isSuperCall = (statement) =>
			ts.isExpressionStatement(statement) &&
			ts.isCallExpression(statement.expression) &&
			statement.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
		const visit = (node) => {
			if (!FUNCTION_KINDS.has(node.kind) || !node.body)
				return ts.visitEachChild(node, visit, context);
			const index = file.functions.length;
			file.functions.push({
				name: functionName(node, file.source),
				line: file.source.getLineAndCharacterOfPosition(node.getStart(file.source)).line + 1,
				start: node.getStart(file.source),
				end: node.end,
			});
			const body = node.body;
			return ts.visitEachChild(
				node,
				(child) => {
					if (child !== body) return visit(child);
					const visited = visit(body);
					if (!ts.isBlock(visited))
						return f.createBlock([traceCall(index), f.createReturnStatement(visited)], true);
					const statements = [...visited.statements];
					const at = statements.findIndex(isSuperCall) + 1;
					statements.splice(at, 0, traceCall(index));
					return f.updateBlock(visited, statements);
				},
				context,
			);
		};
		return (sourceFile) => ts.visitNode(sourceFile, visit);
	};
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
	const text = fs.readFileSync(filename, 'utf8');
	const rel = path.relative(ROOT, filename).split(path.sep).join('/');
	let file;
	if (OURS.test(rel)) {
		file = {
			index: files.length,
			rel,
			lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
			source: ts.createSourceFile(filename, text, ts.ScriptTarget.Latest, true),
			functions: [],
		};
		files.push(file);
		fileByPath.set(filename, file);
	}
	const output = ts.transpileModule(text, {
		compilerOptions,
		fileName: filename,
		transformers: file ? { before: [instrument(file)] } : undefined,
	});
	if (file) file.map = new Module.SourceMap(JSON.parse(output.sourceMapText));
	const code = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
	module._compile(code, filename);
};
// `./SunoFetch.node` must find SunoFetch.node.ts before the codex file SunoFetch.node.json.
for (const extension of ['.json', '.node']) {
	const loader = require.extensions[extension];
	delete require.extensions[extension];
	require.extensions[extension] = loader;
}

// ---- the tracer ------------------------------------------------------------------------------

let recording = false;
const entries = [];

const outsideLabel = (name) =>
	name.includes('node_modules') ? 'n8n' : name.startsWith('node:') ? 'async' : 'test harness';

/**
 * Whether the call at `position` names the callee (a direct call) or calls a function value. V8
 * places a call at its property name (`client.submit(`) or, for an imported function compiled to
 * `(0, module.f)(`, at the parenthesis.
 */
function namesCallee(source, position, calleeName) {
	let call;
	for (let node = source; node; ) {
		if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && position <= node.expression.end)
			call = node;
		node = node.getChildren(source).find((child) => child.pos <= position && position < child.end);
	}
	if (!call) return false;
	let callee = call.expression;
	if (ts.isPropertyAccessExpression(callee) && ['call', 'apply'].includes(callee.name.text))
		callee = callee.expression; // f.call(context, …) calls f
	if (ts.isPropertyAccessExpression(callee)) callee = callee.name;
	return ts.isIdentifier(callee) && calleeName.split('.').pop() === callee.text;
}

function callerOf(sites) {
	for (let i = 1; i < sites.length; i++) {
		const name = sites[i].getFileName();
		if (!name) continue; // a builtin between the two, e.g. Array.prototype.map
		const file = fileByPath.get(name);
		if (!file) return { outside: outsideLabel(name) };
		const found = file.map.findEntry(sites[i].getLineNumber() - 1, sites[i].getColumnNumber() - 1);
		const line = found.originalLine ?? 0;
		const column = found.originalColumn ?? 0;
		const position = file.source.getPositionOfLineAndCharacter(line, column);
		let within;
		for (const fn of file.functions)
			if (fn.start <= position && position < fn.end && (!within || fn.start >= within.start))
				within = fn;
		return { file, line: line + 1, column: column + 1, within, position };
	}
	return { outside: 'async' };
}

globalThis[TRACER] = function trace(fileIndex, functionIndex) {
	if (!recording) return;
	const prepare = Error.prepareStackTrace;
	const limit = Error.stackTraceLimit;
	Error.prepareStackTrace = (_error, sites) => sites;
	Error.stackTraceLimit = 20;
	const holder = {};
	Error.captureStackTrace(holder, trace);
	const sites = holder.stack;
	Error.prepareStackTrace = prepare;
	Error.stackTraceLimit = limit;
	const callee = files[fileIndex];
	entries.push({ callee, fn: callee.functions[functionIndex], caller: callerOf(sites) });
};

// ---- the request ----------------------------------------------------------------------------

async function runRequest(provider, runSunoFetch) {
	provider.reset();
	const result = await runSunoFetch({
		node: 'generate',
		parameters: {
			operation: 'generateMusic',
			songDescription: 'a lullaby',
			pollInterval: 1,
			downloadFiles: ['audio'],
		},
		credentials: { apiKey: provider.apiKey, provider: 'custom', baseUrl: provider.url },
	});
	const types = result.items.map((item) => item.binary?.audio?.mimeType);
	const media = provider.log.filter((entry) => entry.path.startsWith('/media/')).length;
	if (result.status !== 'success' || types.join() !== 'audio/mpeg,audio/mpeg' || media !== 2)
		throw new Error(
			`The request did not do what the test expects: status ${result.status}, files ${types}, ` +
				`${media} media downloads; ${result.error?.message ?? ''}`,
		);
}

// ---- the report -----------------------------------------------------------------------------

const short = (rel) => rel.replace(/^nodes\/(shared\/)?/, '').replace('/actions/', '/');
const compress = (labels) => labels.filter((label, i) => label !== labels[i - 1]);

/**
 * The callers of a file over time as phases: repeats of one caller are one, and a block of 2 to 4
 * callers that repeats (a polling loop: collect.ts › retry.ts › collect.ts › retry.ts …) is one
 * phase, "(collect.ts › retry.ts) ×4", a trailing part of the block included ("×4…").
 */
function phases(labels) {
	const sequence = compress(labels);
	const found = [];
	for (let i = 0; i < sequence.length; ) {
		let best;
		for (let period = 2; period <= 4; period++) {
			const block = sequence.slice(i, i + period);
			let length = period;
			while (i + length < sequence.length && sequence[i + length] === block[length % period])
				length++;
			const times = Math.floor(length / period);
			if (times >= 2 && (!best || length > best.length)) best = { block, times, length };
		}
		if (!best) {
			found.push({ labels: [sequence[i]], text: sequence[i] });
			i++;
			continue;
		}
		const partial = best.length % best.block.length ? '…' : '';
		found.push({
			labels: best.block,
			text: `(${best.block.join(' › ')}) ×${best.times}${partial}`,
		});
		i += best.length;
	}
	return found;
}

/** Entered from a caller in one phase and again from it in a later one: "A › B › A". */
const isReentered = (found) =>
	found.some((phase, i) =>
		phase.labels.some((label) => found.slice(0, i).some((before) => before.labels.includes(label))),
	);

function listSources() {
	const found = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			const rel = `${dir}/${entry.name}`;
			if (entry.isDirectory()) walk(rel);
			else if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) found.push(rel);
		}
	};
	walk('nodes');
	walk('credentials');
	return found;
}

function report(elapsed) {
	const order = [];
	const perFile = new Map();
	const sites = new Map();
	const hops = new Set();
	for (const { callee, fn, caller } of entries) {
		if (!perFile.has(callee)) {
			order.push(callee);
			perFile.set(callee, {
				functions: new Set(),
				sitesFrom: new Map(),
				callers: [],
				outside: new Set(),
			});
		}
		const entry = perFile.get(callee);
		entry.functions.add(fn);
		if (caller.outside) {
			if (caller.outside !== 'async') entry.callers.push(caller.outside);
			entry.outside.add(caller.outside);
			continue;
		}
		if (caller.file === callee) continue;
		entry.callers.push(short(caller.file.rel));
		const key = `${caller.file.rel}:${caller.line}:${caller.column}`;
		if (!entry.sitesFrom.has(caller.file)) entry.sitesFrom.set(caller.file, new Set());
		entry.sitesFrom.get(caller.file).add(key);
		if (!sites.has(key)) sites.set(key, { caller, callees: new Set(), direct: true });
		const site = sites.get(key);
		site.callees.add(`${short(callee.rel)} ${fn.name}`);
		site.direct &&= namesCallee(caller.file.source, caller.position, fn.name);
		hops.add(`${caller.file.rel} ${caller.within?.name}→${callee.rel} ${fn.name}`);
	}

	const width = Math.max(...order.map((file) => file.rel.length));
	const rows = order.map((file, i) => {
		const { functions, sitesFrom, callers, outside } = perFile.get(file);
		const into = [...sitesFrom.values()].reduce((sum, set) => sum + set.size, 0);
		const from = [
			...[...sitesFrom].map(([caller, set]) => `${short(caller.rel)} ${set.size}`),
			...outside,
		];
		const found = phases(callers);
		const shown = found.slice(0, 9).map((phase) => phase.text);
		if (found.length > 9) shown.push(`… ${found.length - 9} more`);
		return [
			String(i + 1).padStart(2),
			file.rel.padEnd(width),
			String(file.lines).padStart(5),
			`${String(functions.size).padStart(3)}/${String(file.functions.length).padEnd(3)}`,
			String(into).padStart(4),
			from.join(', '),
			...(isReentered(found) ? [`| entered from, in order: ${shown.join(' › ')}`] : []),
		].join('  ');
	});

	const edges = new Map();
	for (const [callee, { sitesFrom }] of perFile)
		for (const [caller, set] of sitesFrom) edges.set(`${caller.rel}→${callee.rel}`, set.size);
	const mutual = [...edges.keys()]
		.map((edge) => edge.split('→'))
		.filter(([a, b]) => a < b && edges.has(`${b}→${a}`))
		.map(([a, b]) => `${short(a)} ⇄ ${short(b)}`);
	const reentered = order
		.filter((file) => isReentered(phases(perFile.get(file).callers)))
		.map((file) => short(file.rel));
	const direct = [...sites.values()].filter((site) => site.direct).length;
	const lines = order.reduce((sum, file) => sum + file.lines, 0);

	console.log(
		'One request: Suno Generate → Generate Music, Wait for Completion, Download Files: Audio\n' +
			`(real n8n WorkflowExecute, local provider; the second of two runs, ${elapsed} ms)\n`,
	);
	console.log(
		` #  ${'file (first-entry order)'.padEnd(width)}  lines  ran/fns  in  called from: file, sites`,
	);
	for (const row of rows) console.log(row);
	console.log(
		`\nFiles executed: ${order.length} of ${listSources().length} source files (${lines} lines)` +
			`\nCross-file call sites: ${sites.size} (${direct} name the callee, ` +
			`${sites.size - direct} call a function value: callbacks, methods of built objects)` +
			`\nDistinct cross-file hops (caller function → callee function): ${hops.size}` +
			`\nFile-to-file edges: ${edges.size}` +
			`\nFunctions executed: ${order.reduce((sum, file) => sum + perFile.get(file).functions.size, 0)}` +
			`\nCalled both ways: ${mutual.join('; ') || 'none'}` +
			`\nEntered again from a caller after another caller (loops aside): ${reentered.join(', ') || 'none'}`,
	);
	if (process.argv.includes('--sites')) {
		console.log(
			'\nCross-file call sites (caller file:line:column (function) → callee; ⇢ a function value):',
		);
		const sorted = [...sites].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
		for (const [key, { caller, callees, direct }] of sorted)
			console.log(
				`  ${key} (${caller.within?.name ?? 'top level'}) ${direct ? '→' : '⇢'} ` +
					[...callees].join(', '),
			);
	}
}

async function main() {
	const { LocalSunoProvider } = require(path.join(ROOT, 'test/provider/provider.js'));
	const { runSunoFetch } = require(path.join(ROOT, 'test/harness/workflow-runner.ts'));
	const provider = await new LocalSunoProvider().start();
	try {
		// n8n logs what the node logs (each submit) to the terminal; not part of the measurement.
		const write = process.stdout.write;
		process.stdout.write = () => true;
		await runRequest(provider, runSunoFetch);
		recording = true;
		const started = Date.now();
		await runRequest(provider, runSunoFetch).finally(() => {
			recording = false;
			process.stdout.write = write;
		});
		report(Date.now() - started);
	} finally {
		await provider.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
