import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operations, router } from './actions/router';
import { engineFields } from '../shared/settings/fields';

/**
 * One resource's Operation field. Values are unique across resources: the router needs only the
 * operation. Extra operations are sent only to a gateway that offers them (extras.ts). Options are
 * listed by name, alphabetically, as n8n's lint asks of literal lists.
 */
function operationsOf(
	resource: string,
	defaultOperation: string,
	options: Array<[name: string, value: string, description: string, action: string]>,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: options.map(([name, value, description, action]) => ({
				name,
				value,
				description,
				action,
			})),
			default: defaultOperation,
		},
	];
}

export class SunoGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Generate',
		name: 'sunoGenerate',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { generateMusic: "Generate music", extendMusic: "Extend music", generateLyrics: "Generate lyrics", concatenate: "Concatenate", separateStems: "Separate stems", uploadAudio: "Upload audio from URL", cover: "Cover", generateWithPersona: "Generate song with persona", createPersona: "Create persona", convertToWav: "Convert to WAV", renderMp4: "Render MP4 video" }[$parameter["operation"]] }}',
		description:
			'Create songs and lyrics with Suno (each call is paid) and get the finished files. A song takes 1 to 3 minutes; it comes back as one item per clip with its title, audio URL, duration and lyrics. An unfinished one comes back with its task ID: get it later with Suno Fetch (free), never by generating again.',
		defaults: { name: 'Suno Generate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sunoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Clip File', value: 'clipFile' },
					{ name: 'Persona', value: 'persona' },
					{ name: 'Song', value: 'song' },
				],
				default: 'song',
			},
			...operationsOf('song', 'generateMusic', [
				[
					'Concatenate',
					'concatenate',
					'Join an extended clip with what it continues into one full song (paid; only where the gateway offers it)',
					'Concatenate an extended clip with what it continues into one full song (paid, where the gateway offers it): returns the new clip, or its task ID to get later with Suno Fetch (free)',
				],
				[
					'Cover',
					'cover',
					'Sing a clip again in another style (paid; only where the gateway offers it)',
					'Cover a clip in another style (paid, where the gateway offers it; takes 1 to 3 minutes): returns the new clips, or if unfinished their task ID to get with Suno Fetch (free), never cover again',
				],
				[
					'Extend Music',
					'extendMusic',
					'Continue a song from a point in one of its clips (paid)',
					'Extend a song from a point in one of its clips (paid; takes 1 to 3 minutes): returns the new clips, or if unfinished their task ID to get with Suno Fetch (free), never extend again',
				],
				[
					'Generate Lyrics',
					'generateLyrics',
					'Write song lyrics from a prompt (paid)',
					'Generate song lyrics from a prompt (paid; takes seconds): returns the title and lyrics, or if unfinished the task ID to get them with Suno Fetch (free)',
				],
				[
					'Generate Music',
					'generateMusic',
					'Make a song from a description or from your own lyrics (paid)',
					"Generate a song from a description or lyrics (paid; makes two clips in 1 to 3 minutes): returns each clip's title, audio URL, duration and lyrics, or if unfinished its task ID to get later with Suno Fetch (free), never generate again",
				],
				[
					'Separate Stems',
					'separateStems',
					'Split a clip into vocals and instrumental, or every instrument (paid; only where the gateway offers it)',
					'Separate a clip into stems, e.g. vocals and instrumental (paid, where the gateway offers it; takes minutes): returns a clip per stem, or if unfinished the task ID to get with Suno Fetch (free)',
				],
				[
					'Upload Audio From URL',
					'uploadAudio',
					'Make an audio file into a clip to extend or cover (paid; only where the gateway offers it)',
					'Upload audio from a URL as a clip to extend or cover (paid, where the gateway offers it): returns the clip, or its task ID to get with Suno Fetch (free)',
				],
			]),
			...operationsOf('persona', 'createPersona', [
				[
					'Create Persona',
					'createPersona',
					'Save a clip’s voice and style as a persona (paid; only where the gateway offers it)',
					"Create a persona from a clip's voice and style (paid, where the gateway offers it): returns the persona ID for songs with that persona",
				],
				[
					'Generate Song With Persona',
					'generateWithPersona',
					'Make a song in a persona’s voice (paid; only where the gateway offers it)',
					"Generate a song in a persona's voice (paid, where the gateway offers it; takes 1 to 3 minutes): returns the clips, or if unfinished the task ID to get with Suno Fetch (free), never generate again",
				],
			]),
			...operationsOf('clipFile', 'convertToWav', [
				[
					'Convert to WAV',
					'convertToWav',
					'Get a clip as a lossless WAV file (only where the gateway offers it)',
					"Convert a finished clip to a WAV file (where the gateway offers it): returns the WAV file's URL",
				],
				[
					'Render MP4 Video',
					'renderMp4',
					'Get a clip’s music video as an MP4 (only where the gateway offers it)',
					"Render a finished clip's music video as an MP4 (where the gateway offers it): returns the video's URL, or a task ID to get with Suno Fetch (free)",
				],
			]),
			...Object.values(operations).flatMap((operation) => operation.description),
			...engineFields('generate'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
