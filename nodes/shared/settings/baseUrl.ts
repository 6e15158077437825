/**
 * The gateways the credential names, declared once (its Provider options, the extras their
 * providers document in model/extras.ts, and the https rule read this list), and the one base-URL
 * rule: where the credential's requests (its Test button) and the node's go. Pure: the credential
 * and the client both call it, so neither knows the other.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { redact } from '../model/mask';

/** A gateway the credential offers as a Provider. */
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

/** The presets whose providers document the extra operations (suno-extras.md §14). */
export const PRESETS_WITH_EXTRAS = PRESETS.filter((preset) => preset.documentsExtras);

/** The preset served at `host` (a Custom URL on a preset's host is that provider), if any. */
export function presetAt(host: string): Preset | undefined {
	return PRESETS.find((preset) => new URL(preset.url).host === host.toLowerCase());
}

/**
 * A Base URL the gateway rule refuses; `description` says what to do. A plain Error: n8n's
 * credential test shows an error's `code` instead of its message, so the node's client turns it
 * into a SunoFailure (client.ts).
 */
export class BaseUrlError extends Error {
	readonly description =
		'Open the Suno API credential and enter the gateway address, for example https://api.cometapi.com (a gateway mounted under a path, like https://example.com/suno-gw, is fine).';

	constructor(problem: string) {
		super(`The credential's Base URL ${problem}`);
		this.name = 'BaseUrlError';
	}
}

/**
 * A preset, or the custom URL trimmed and without trailing slashes; http(s) only; no user,
 * password, query or fragment; a path prefix is allowed, a trailing /v1 is not (the Suno routes
 * sit beside /v1, not under it).
 */
export function gatewayBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	// What the user typed is quoted back, never with the key in it (pasted into the wrong field).
	const refuse = (problem: string) =>
		new BaseUrlError(redact(problem, credentials.apiKey as string | undefined));
	const chosen = credentials.provider === 'custom' ? credentials.baseUrl : credentials.provider;
	const raw = String(chosen ?? '').trim();
	const url = parsedUrl(raw);
	if (url === null) throw refuse(`"${raw}" is not a valid URL.`);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw refuse(`must start with http:// or https:// (it is "${url.protocol}").`);
	}
	const preset = url.protocol === 'http:' ? presetAt(url.host) : undefined;
	if (preset !== undefined) {
		// The key would cross the network in clear before the gateway's redirect to https refused it.
		throw refuse(
			`uses http:// for ${preset.name}, which is served over https: enter ${preset.url}${url.pathname.replace(/\/+$/, '')}, or choose ${preset.name} as the Provider.`,
		);
	}
	if (url.username !== '' || url.password !== '') {
		throw refuse('must not contain a user name or password; put the key in the API Key field.');
	}
	if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
		throw refuse('must not contain a query (?…) or fragment (#…).');
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (/\/v1$/i.test(path)) {
		throw refuse(
			`ends with /v1: remove it. The node calls /suno/fetch on the gateway itself (${url.origin}${path.slice(0, -3)}, not ${url.origin}${path}).`,
		);
	}
	return `${url.origin}${path}`;
}

function parsedUrl(raw: string): URL | null {
	try {
		return new URL(raw);
	} catch {
		return null;
	}
}
