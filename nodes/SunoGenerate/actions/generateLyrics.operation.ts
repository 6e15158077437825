/** "Generate Lyrics": lyrics from a prompt; the result is the task's title and text. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import type { GenerateDeclaration } from '../../shared/operation';
import { ParameterError } from '../../shared/settings/parameters';
import { readText } from './songFields';

const promptField: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	placeholder: 'e.g. a love song about a lighthouse keeper',
	description: 'What the lyrics should be about',
};

const properties: INodeProperties[] = [promptField];

export const operation: GenerateDeclaration = {
	value: 'generateLyrics',
	resource: 'song',
	name: 'Generate Lyrics',
	description: 'Write song lyrics from a prompt (paid)',
	forAgents:
		'Generate song lyrics from a prompt (paid; takes seconds): returns the title and lyrics, or if unfinished the task ID to get them with Suno Fetch (free)',
	properties,
	makes: 'lyrics',
	sendsBody: true,
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const prompt = readText(this, promptField, itemIndex);
	if (prompt === '') {
		throw new ParameterError('Prompt is empty: say what the lyrics should be about.');
	}
	return { call: { route: 'lyrics', body: { prompt } }, action: 'LYRICS' };
}
