/**
 * The Suno operations beyond submit and fetch, and which gateways offer them. A stock new-api
 * gateway drops the fields it does not know, so a stems, cover or persona request there becomes a
 * plain paid song: an operation is sent only to a gateway whose provider documents it
 * (suno-extras.md §14), or whose credential says it offers it. Pure; nothing here knows about n8n.
 */

export const EXTRA_OPERATIONS = {
	concatenate: { name: 'Concatenate', documentedBy: ['cometapi', 'elkapi'] },
	separateStems: { name: 'Separate Stems', documentedBy: ['cometapi', 'elkapi'] },
	uploadAudio: { name: 'Upload Audio from URL', documentedBy: ['cometapi', 'elkapi'] },
	cover: { name: 'Cover', documentedBy: [] },
	generateWithPersona: { name: 'Generate with Persona', documentedBy: ['cometapi', 'elkapi'] },
	createPersona: { name: 'Create Persona', documentedBy: ['cometapi', 'elkapi'] },
	convertToWav: { name: 'Convert to WAV', documentedBy: ['cometapi', 'elkapi'] },
	renderMp4: { name: 'Render MP4 Video', documentedBy: ['cometapi', 'elkapi'] },
	lyricsTiming: { name: 'Get Lyrics Timing', documentedBy: ['cometapi', 'elkapi'] },
} as const;

export type ExtraOperation = keyof typeof EXTRA_OPERATIONS;

/** The credential's presets by host, as the table above names them. */
const PRESET_HOSTS: Record<string, string> = {
	'api.cometapi.com': 'cometapi',
	'api.elkapi.com': 'elkapi',
};

/** Whether the gateway at `baseUrl` offers `operation`: documented by its provider, or ticked. */
export function offers(
	operation: ExtraOperation,
	baseUrl: string,
	ticked: readonly string[],
): boolean {
	if (ticked.includes(operation)) return true;
	// A Custom URL on a preset's host is that provider: its documentation still applies.
	const preset = PRESET_HOSTS[new URL(baseUrl).host.toLowerCase()];
	return (
		preset !== undefined &&
		(EXTRA_OPERATIONS[operation].documentedBy as readonly string[]).includes(preset)
	);
}

/** Why a gateway that does not offer `operation` is not sent it, and how to turn it on. */
export function notOfferedMessage(operation: ExtraOperation): {
	message: string;
	description: string;
} {
	const { name } = EXTRA_OPERATIONS[operation];
	return {
		message: `${name} is not enabled for this gateway, so nothing was sent.`,
		description: `Its provider's documentation that this package knows does not list ${name}, and a gateway without it can bill an ordinary song instead (a stock new-api gateway drops the fields it does not know). If your provider documents ${name}, tick it under Extra Operations Offered in the Suno API credential.`,
	};
}
