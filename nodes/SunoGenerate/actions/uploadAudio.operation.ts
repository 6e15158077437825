/** "Upload Audio From URL": an audio file made into a clip that Extend Music and Cover accept. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { ParameterError } from '../../shared/settings/parameters';
import { readText } from './songFields';

export const extra = 'uploadAudio';

const audioUrlField: INodeProperties = {
	displayName: 'Audio URL',
	name: 'audioUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://example.com/demo.mp3',
	description:
		'A public http(s) address of an MP3 the provider can download. The clip it makes belongs to this API key’s account only.',
};

export const description = updateDisplayOptions({ show: { operation: ['uploadAudio'] } }, [
	audioUrlField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const url = readText(this, audioUrlField, itemIndex);
	let parsed: URL | null = null;
	try {
		parsed = new URL(url);
	} catch {
		parsed = null;
	}
	if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
		throw new ParameterError(
			`Audio URL must be a public http(s) address of the file, not ${JSON.stringify(url)}.`,
		);
	}
	return { action: 'MUSIC', call: { route: 'upload', body: { url } } };
}
