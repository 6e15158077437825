/** "Upload Audio From URL": an audio file made into a clip that Extend Music and Cover accept. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { ParameterError } from '../../shared/settings/parameters';
import { readText } from './songFields';

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

const properties: INodeProperties[] = [audioUrlField];

export const operation: GenerateDeclaration = {
	value: 'uploadAudio',
	resource: 'song',
	name: 'Upload Audio From URL',
	description:
		'Make an audio file into a clip to extend or cover (paid; only where the gateway offers it)',
	forAgents:
		'Upload audio from a URL as a clip to extend or cover (paid, where the gateway offers it): returns the clip, or its task ID to get with Suno Fetch (free)',
	properties,
	makes: 'songs',
	sendsBody: true,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
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
