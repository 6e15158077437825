/**
 * What an operation declares, once, in its own module: the editor's option (one name for the
 * option, the picker's action and the subtitle; a description), what an AI agent is told, its
 * fields, what it sends and reads, what it makes and which gateways offer it. Each node lists its
 * declarations once (actions/operations.ts), and everything else is derived from that list: the
 * option lists and subtitle (here), the router's map (actions/router.ts), the engine fields'
 * visibility (settings/fields.ts) and the extras table (model/extras.ts).
 */
import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { FetchOperation } from './engine/fetch';
import type { FileKind } from './model/files';
import { PRESETS_WITH_EXTRAS } from './settings/baseUrl';
import type { Submission } from './engine/generate';
import type { TimingOperation } from './engine/timing';

/** What a run of the operation gives back, which decides the engine fields it shows. */
export type Makes = 'songs' | 'lyrics' | 'tasks' | 'file' | 'persona' | 'timing';

/** Tasks are waited for, batched and fetched; only clips have files to download. */
const MADE: Record<Makes, { tasks: boolean; files: boolean }> = {
	songs: { tasks: true, files: true },
	tasks: { tasks: true, files: true },
	file: { tasks: true, files: true },
	lyrics: { tasks: true, files: false },
	persona: { tasks: false, files: false },
	timing: { tasks: false, files: false },
};

/** The keys of the credential presets whose providers document the extras. */
export const DOCUMENTING_PRESETS = PRESETS_WITH_EXTRAS.map((preset) => preset.key);

/** Offered only by some gateways: sent only to one whose provider documents it, or that ticks it. */
export interface Extra {
	/** The keys of the credential presets whose provider documents it (settings/baseUrl.ts). */
	documentedBy: readonly string[];
	/** A song submit with extra fields, which a gateway without it turns into a plain paid song. */
	songSubmit: boolean;
	/** What the credential's list saves for it, when that is not the operation's value. */
	key?: string;
}

export interface OperationDeclaration {
	/** The Operation field's value: unique across the node. */
	value: string;
	/** Its one name: the Operation option's and the canvas subtitle. */
	name: string;
	description: string;
	/**
	 * What an AI agent or MCP client is told the tool does and costs: the tool variant's default
	 * Tool Description (toolDescriptionField).
	 */
	forAgents: string;
	/** The operation chosen when the node (or its resource) is added. */
	isDefault?: true;
	/** Its own fields, shown only while it is chosen. */
	properties: INodeProperties[];
	makes: Makes;
	/** What Download Files picks by default, when not the audio of songs (makesFiles). */
	downloads?: readonly FileKind[];
	extra?: Extra;
}

export interface GenerateDeclaration extends OperationDeclaration {
	resource: 'song' | 'persona' | 'clipFile';
	/** False for a GET: Extra Body Fields has nothing to add to. */
	sendsBody: boolean;
	/** The item's submission, checked; a ParameterError names the field. */
	readSubmission(this: IExecuteFunctions, itemIndex: number): Submission;
}

export type FetchDeclaration = OperationDeclaration & (FetchOperation | TimingOperation);

/** What the engine fields' visibility depends on. */
export type Visibility = Pick<OperationDeclaration, 'value' | 'makes' | 'downloads'> & {
	sendsBody?: boolean;
};

export const makesTasks = ({ makes }: Visibility) => MADE[makes].tasks;
export const makesFiles = ({ makes }: Visibility) => MADE[makes].files;

/** What Download Files picks by default: the file the operation makes, a song's audio. */
export const downloadsOf = (operation: Visibility): readonly FileKind[] =>
	operation.downloads ?? (operation.makes === 'songs' ? ['audio'] : []);

/**
 * What the editor's paid notice and the Retry On Fail hint call paid: every POST submits a paid
 * task. The GETs (a finished clip's WAV or video) make no new song, but whether they are billed is
 * undocumented, so they are still sent as paid calls, never repeated blind (transport/submit.ts).
 */
export const isPaid = (declaration: GenerateDeclaration) => declaration.sendsBody;

/**
 * What a paid operation costs, where the eye lands (under the Operation field): each run, each
 * Execute step, pays again. Songs also take minutes and come as two clips.
 */
export function paidNotices(declarations: readonly GenerateDeclaration[]): INodeProperties[] {
	const paid = declarations.filter(isPaid);
	const songs = paid.filter(({ makes }) => makes === 'songs').map(({ value }) => value);
	const others = paid.filter(({ makes }) => makes !== 'songs').map(({ value }) => value);
	const pin = 'Pin the output while you build.';
	return [
		{
			displayName: `Paid: each run submits and pays again. Songs take 1 to 3 minutes; a new song comes as two clips. ${pin}`,
			name: 'paidSongNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { operation: songs } },
		},
		{
			displayName: `Paid: each run submits and pays again. ${pin}`,
			name: 'paidNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { operation: others } },
		},
	];
}

/** The extras table's key of an operation that some gateways lack. */
export const extraKey = (declaration: OperationDeclaration): string | undefined =>
	declaration.extra && (declaration.extra.key ?? declaration.value);

/**
 * An Operation field for `declarations`: the default (the main action) first, then the rest by
 * name. The action (the picker's entry, and a new node's name) is the operation's one name; what
 * an agent is told lives in the tool variant's own Tool Description (toolDescriptionField).
 */
export function operationField(
	declarations: readonly OperationDeclaration[],
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties {
	const chosen = declarations.find((declaration) => declaration.isDefault) ?? declarations[0];
	const options: INodePropertyOptions[] = [
		chosen,
		...declarations
			.filter((declaration) => declaration !== chosen)
			.sort((a, b) => a.name.localeCompare(b.name, 'en')),
	].map(({ name, value, description }) => ({ name, value, description, action: name }));
	const defaultValue = chosen.value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		...(displayOptions ? { displayOptions } : {}),
		options,
		default: defaultValue,
	};
}

/**
 * What the tool variant tells an agent, editable there. n8n adds its own Tool Description (whose
 * automatic text is "{action} in {node}") only when a node declares none; n8n's runtime reads this
 * one from the parameters, so the agent's words need not be the picker's.
 */
const toolDescriptionField = ({ forAgents }: OperationDeclaration): INodeProperties => ({
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	default: forAgents,
	description:
		'What the AI agent or MCP client is told this tool does and costs, which decides when it calls it',
	displayOptions: { show: { '@tool': [true] } },
});

/** Every operation's own fields (and its tool description), each shown while it is chosen. */
export const operationFields = (declarations: readonly OperationDeclaration[]) =>
	declarations.flatMap((declaration) =>
		updateDisplayOptions({ show: { operation: [declaration.value] } }, [
			toolDescriptionField(declaration),
			...declaration.properties,
		]),
	);

/** The node's subtitle: the chosen operation's name. */
export const subtitleOf = (declarations: readonly OperationDeclaration[]) =>
	`={{ { ${declarations
		.map(({ value, name }) => `${value}: ${JSON.stringify(name)}`)
		.join(', ')} }[$parameter["operation"]] }}`;
