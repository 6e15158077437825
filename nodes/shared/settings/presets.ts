/**
 * The gateways the credential names, declared once: its Provider options, the extras their
 * providers document (model/extras.ts) and the https rule (baseUrl.ts) read this list.
 */
export interface Preset {
	/** How the operations' `documentedBy` names it. */
	key: string;
	name: string;
	url: string;
	/** Its provider documents the extra operations (suno-extras.md §14). */
	documentsExtras: boolean;
}

export const PRESETS: readonly Preset[] = [
	{ key: 'cometapi', name: 'CometAPI', url: 'https://api.cometapi.com', documentsExtras: true },
	{ key: 'elkapi', name: 'ElkAPI', url: 'https://api.elkapi.com', documentsExtras: true },
	{ key: 'gptge', name: 'gpt.ge', url: 'https://api.gpt.ge', documentsExtras: false },
];

/** The preset served at `host` (a Custom URL on a preset's host is that provider), if any. */
export function presetAt(host: string): Preset | undefined {
	return PRESETS.find((preset) => new URL(preset.url).host === host.toLowerCase());
}
