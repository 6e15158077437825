/** "Generate Lyrics": lyrics from a prompt; the result is the task's title and text. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
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

export const description = updateDisplayOptions({ show: { operation: ['generateLyrics'] } }, [
	promptField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const prompt = readText(this, promptField, itemIndex);
	if (prompt === '') {
		throw new ParameterError('Prompt is empty: say what the lyrics should be about.');
	}
	return { call: { route: 'lyrics', body: { prompt } }, action: 'LYRICS' };
}
