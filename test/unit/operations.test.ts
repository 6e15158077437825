/**
 * Each operation is declared once, in its own module, and every place derived from it knows it: the
 * node's operations list, its Operation options, subtitle and router, the extras table and the
 * credential's list, its own fields and the engine fields it shows or hides. The modules on disk
 * are the source of truth: a module that a place misses fails here, and so does a place that names
 * an operation no module declares.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { SunoApi } from '../../credentials/SunoApi.credentials';
import { FETCH_OPERATIONS } from '../../nodes/SunoFetch/actions/operations';
import { routes as fetchRoutes } from '../../nodes/SunoFetch/actions/router';
import { SunoFetch } from '../../nodes/SunoFetch/SunoFetch.node';
import { GENERATE_OPERATIONS } from '../../nodes/SunoGenerate/actions/operations';
import { routes as generateRoutes } from '../../nodes/SunoGenerate/actions/router';
import { SunoGenerate } from '../../nodes/SunoGenerate/SunoGenerate.node';
import { EXTRA_OPERATIONS } from '../../nodes/shared/model/extras';
import {
	extraKey,
	makesFiles,
	makesTasks,
	type GenerateDeclaration,
	type OperationDeclaration,
} from '../../nodes/shared/operation';

type Declaration = OperationDeclaration &
	Partial<Pick<GenerateDeclaration, 'resource' | 'sendsBody'>>;

/** The `operation` each `*.operation.ts` module in the node's actions folder exports. */
function modulesOf(folder: string): Declaration[] {
	const dir = join(__dirname, '../../nodes', folder, 'actions');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.operation.ts'))
		.map((file) => (jest.requireActual(join(dir, file)) as { operation: Declaration }).operation);
}

const NODES = [
	['SunoGenerate', new SunoGenerate().description, GENERATE_OPERATIONS, generateRoutes],
	['SunoFetch', new SunoFetch().description, FETCH_OPERATIONS, fetchRoutes],
].map(([folder, description, list, routes]) => ({
	folder: folder as string,
	description: description as INodeTypeDescription,
	list: list as readonly Declaration[],
	routes: routes as ReadonlyMap<string, unknown>,
	modules: modulesOf(folder as string),
}));

const ALL = NODES.flatMap((node) => node.modules.map((declaration) => ({ node, declaration })));
const cases = ALL.map(({ node, declaration }) => [declaration.value, node, declaration] as const);

/** The node's parameters as a user who chose `declaration` (waiting, downloading audio) sets them. */
function chosen(declaration: Declaration): INodeParameters {
	return {
		...(declaration.resource ? { resource: declaration.resource } : {}),
		operation: declaration.value,
		waitForCompletion: true,
		downloadFiles: ['audio'],
	};
}

const byValue = (a: Declaration, b: Declaration) => a.value.localeCompare(b.value);
const byName = (properties: INodeProperties[], name: string) =>
	properties.filter((property) => property.name === name);

/** Whether the editor shows the top-level field `name` (any of its variants) for `values`. */
function shows(description: INodeTypeDescription, name: string, values: INodeParameters) {
	return byName(description.properties, name).some((field) =>
		NodeHelpers.displayParameter(values, field, null, description, values),
	);
}

/** Whether the editor shows the option `name` of the Options collection for `values`. */
function showsOption(description: INodeTypeDescription, name: string, values: INodeParameters) {
	const [options] = byName(description.properties, 'options');
	const option = (options.options as INodeProperties[]).find((field) => field.name === name);
	return !!option && NodeHelpers.displayParameter({}, option, null, description, values);
}

/** What the node's subtitle expression shows for `value`. */
function subtitleFor(description: INodeTypeDescription, value: string): unknown {
	const expression = String(description.subtitle).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	return new Function('$parameter', `return ${expression};`)({ operation: value }) as unknown;
}

/** The credential's list for a gateway no preset describes (Custom, gpt.ge): every extra. */
const credentialList = new SunoApi().properties.find(
	(field) => field.name === 'extraOperations' && field.displayOptions?.hide,
)?.options;

describe('every operation module is in its node', () => {
	it.each(NODES.map((node) => [node.folder, node] as const))(
		'%s: its operations list holds every module, once, and nothing else',
		(_folder, { list, modules }) => {
			expect(modules.length).toBeGreaterThan(0);
			expect([...list].sort(byValue)).toEqual([...modules].sort(byValue));
			expect(new Set(list.map(({ value }) => value)).size).toBe(list.length);
		},
	);

	it('the extras table and the credential’s list hold every extra operation, and nothing else', () => {
		const keys = ALL.map(({ declaration }) => extraKey(declaration))
			.filter(Boolean)
			.sort();
		expect(new Set(keys).size).toBe(keys.length);
		expect(Object.keys(EXTRA_OPERATIONS).sort()).toEqual(keys);
		expect(credentialList?.map((option) => 'value' in option && option.value).sort()).toEqual(keys);
	});

	it.each(NODES.map((node) => [node.folder, node] as const))(
		'%s: its router, option lists and subtitle name no operation that no module declares',
		(_folder, { description, modules, routes }) => {
			const values = modules.map(({ value }) => value).sort();
			const optionValues = byName(description.properties, 'operation')
				.flatMap((field) => field.options ?? [])
				.map((option) => ('value' in option ? option.value : null));
			expect([...routes.keys()].sort()).toEqual(values);
			expect(optionValues.sort()).toEqual(values);
			expect(
				String(description.subtitle)
					.match(/\b\w+(?=: ")/g)
					?.sort(),
			).toEqual(values);
		},
	);
});

describe.each(cases)('%s', (value, { description, routes }, declaration) => {
	it('is an option of the Operation field, with its name, description and action', () => {
		const fields = byName(description.properties, 'operation').filter((field) =>
			field.options?.some((option) => 'value' in option && option.value === value),
		);
		expect(fields).toHaveLength(1);
		expect(fields[0].options).toContainEqual({
			name: declaration.name,
			value,
			description: declaration.description,
			action: declaration.name,
		});
		if (declaration.resource === undefined) return;
		// Shown for its resource, which the Resource field offers.
		expect(fields[0].displayOptions).toEqual({ show: { resource: [declaration.resource] } });
		const [resource] = byName(description.properties, 'resource');
		expect(resource.options?.map((option) => 'value' in option && option.value)).toContain(
			declaration.resource,
		);
	});

	it('is in the subtitle, by its name', () => {
		expect(subtitleFor(description, value)).toBe(declaration.name);
	});

	it('tells an AI agent what it does and costs: the tool variant’s own description', () => {
		// n8n's tool variant: the same properties under a name ending in Tool (which `@tool` tests).
		const variant = { ...description, name: `${description.name}Tool` };
		const node = { parameters: chosen(declaration), typeVersion: 1 } as unknown as INode;
		const resolve = (type: INodeTypeDescription) =>
			NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type);
		const told = NodeHelpers.getToolDescriptionForNode(
			{ ...node, parameters: resolve(variant) } as INode,
			{ description: variant } as INodeType,
		);
		expect(told).toBe(declaration.forAgents);
		expect(resolve(description)).not.toHaveProperty('toolDescription');
	});

	it('is routed to the engine', () => {
		const { readSubmission } = declaration as Partial<GenerateDeclaration>;
		const expected = readSubmission
			? { readSubmission, extra: extraKey(declaration) }
			: declaration;
		expect(routes.get(value)).toEqual(expected);
	});

	it('is in the extras table and the credential’s list exactly when some gateways lack it', () => {
		const key = extraKey(declaration);
		const named = Object.entries(EXTRA_OPERATIONS).filter(
			([, { name }]) => name === declaration.name,
		);
		if (declaration.extra === undefined || key === undefined) {
			expect(named).toEqual([]);
			return;
		}
		const { documentedBy, songSubmit } = declaration.extra;
		expect(EXTRA_OPERATIONS[key]).toEqual({ name: declaration.name, documentedBy, songSubmit });
		expect(credentialList).toContainEqual({ name: declaration.name, value: key });
	});

	it('shows its own fields while chosen, and only then', () => {
		for (const field of declaration.properties) {
			// A field shown for a choice of its own (Mode: Custom) is checked with that choice.
			const own = Object.fromEntries(
				Object.entries(field.displayOptions?.show ?? {}).map(([key, all]) => [key, all?.[0]]),
			) as INodeParameters;
			expect(shows(description, field.name, { ...chosen(declaration), ...own })).toBe(true);
			const other = ALL.find(
				({ node, declaration: next }) =>
					node.description === description &&
					!next.properties.some(({ name }) => name === field.name),
			);
			if (other)
				expect(shows(description, field.name, { ...chosen(other.declaration), ...own })).toBe(
					false,
				);
		}
	});

	it('opens with the file it makes picked in Download Files', () => {
		if (!makesFiles(declaration)) return;
		const parameters = { ...chosen(declaration), downloadFiles: undefined };
		delete parameters.downloadFiles;
		const picked = (properties: INodeProperties[]) =>
			NodeHelpers.getNodeParameters(properties, parameters, true, false, null, description)
				?.downloadFiles;
		const expected = {
			generateMusic: ['audio'],
			extendMusic: ['audio'],
			convertToWav: ['audio'],
			renderMp4: ['video'],
			get: [],
		}[value];
		if (expected) expect(picked(description.properties)).toEqual(expected);
		expect(picked(description.properties)).toEqual(
			declaration.downloads ?? (declaration.makes === 'songs' ? ['audio'] : []),
		);
	});

	it('says under the Operation field that it is paid (and for songs: minutes, two clips)', () => {
		const paid = declaration.sendsBody === true;
		const songs = declaration.makes === 'songs';
		expect(shows(description, 'paidSongNotice', chosen(declaration))).toBe(paid && songs);
		expect(shows(description, 'paidNotice', chosen(declaration))).toBe(paid && !songs);
	});

	it('shows the engine fields for what it makes', () => {
		const values = chosen(declaration);
		const tasks = makesTasks(declaration);
		expect(shows(description, 'waitForCompletion', values)).toBe(tasks);
		expect(shows(description, 'pollInterval', values)).toBe(tasks);
		expect(shows(description, 'simplify', values)).toBe(tasks);
		// Fetch's own: Suno Generate waits only for the tasks it just made.
		const isFetch = declaration.resource === undefined;
		expect(showsOption(description, 'batchSize', values)).toBe(tasks && isFetch);
		expect(showsOption(description, 'onMissing', values)).toBe(tasks && isFetch);
		expect(shows(description, 'downloadFiles', values)).toBe(makesFiles(declaration));
		expect(showsOption(description, 'maxFileSize', values)).toBe(makesFiles(declaration));
		expect(showsOption(description, 'audioProperty', values)).toBe(makesFiles(declaration));
		expect(showsOption(description, 'additionalBodyFields', values)).toBe(
			declaration.sendsBody === true,
		);
	});
});

describe('what the declarations say they make', () => {
	const where = (test: (declaration: Declaration) => boolean) =>
		ALL.map(({ declaration }) => declaration)
			.filter(test)
			.map(({ value }) => value)
			.sort();

	it.each([
		[
			'not tasks (nothing to wait for, batch or download)',
			makesTasks,
			['createPersona', 'getLyricsTiming'],
		],
		['without files', makesFiles, ['createPersona', 'generateLyrics', 'getLyricsTiming']],
		[
			'GETs, without a body to add fields to',
			({ sendsBody }: Declaration) => sendsBody !== false,
			['convertToWav', 'renderMp4'],
		],
	])('%s', (_what, has: (declaration: Declaration) => boolean, values) => {
		expect(where((declaration) => !has(declaration))).toEqual(values);
	});

	it('each Operation list opens with its default, the rest by name; Song is the first resource', () => {
		for (const { description } of NODES)
			for (const field of byName(description.properties, 'operation')) {
				const names = (field.options ?? []).map((option) => option.name);
				const [first] = (field.options ?? []) as Array<{ value: unknown }>;
				expect(first.value).toBe(field.default);
				expect(names.slice(1)).toEqual(
					[...names.slice(1)].sort((a, b) => a.localeCompare(b, 'en')),
				);
			}
		const [generate] = NODES;
		const [resource] = byName(generate.description.properties, 'resource');
		expect(resource.options?.[0]).toMatchObject({ value: 'song' });
		expect(resource.default).toBe('song');
		const [song] = byName(generate.description.properties, 'operation');
		expect(song.options?.[0]).toMatchObject({ name: 'Generate Music' });
	});

	it('both nodes show the engine fields in one order: Wait and Download Files first', () => {
		const expected = [
			'waitForCompletion',
			'downloadFiles',
			'simplify',
			'pollInterval',
			'maxWait',
			'onTimeout',
		];
		for (const { description } of NODES) {
			const names = description.properties.map(({ name }) => name);
			expect([...new Set(names.filter((name) => expected.includes(name)))]).toEqual(expected);
		}
	});

	it('each node and each resource has one default operation, which it offers', () => {
		for (const { description, list } of NODES)
			for (const field of byName(description.properties, 'operation')) {
				const offered = (field.options ?? []).map((option) => 'value' in option && option.value);
				expect(offered).toContain(field.default);
				const defaults = list.filter(
					(declaration) => declaration.isDefault && offered.includes(declaration.value),
				);
				expect(defaults.map(({ value }) => value)).toEqual([field.default]);
			}
	});
});
