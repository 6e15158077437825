/**
 * The Suno operations beyond submit and fetch, and which gateways offer them. A stock new-api
 * gateway drops the fields it does not know, so a stems, cover or persona request there becomes a
 * plain paid song: an operation is sent only to a gateway whose provider documents it
 * (suno-extras.md §14), or whose credential says it offers it. Each operation declares this in its
 * own module (`extra`); the table here is built from both nodes' operation lists, which this file
 * imports (the one place model/ reads the nodes). The rules below are pure.
 */
import { FETCH_OPERATIONS } from '../../SunoFetch/actions/operations';
import { GENERATE_OPERATIONS } from '../../SunoGenerate/actions/operations';
import { extraKey } from '../operation';
import { presetAt } from '../settings/baseUrl';

interface ExtraEntry {
	/** The name the editor and the errors use. */
	name: string;
	/** The presets whose docs list it. */
	documentedBy: readonly string[];
	/** A song submit with extra fields, which a gateway without it turns into an ordinary paid song. */
	songSubmit: boolean;
}

/** By key (what the credential's Extra Operations Offered saves): every extra operation. */
export const EXTRA_OPERATIONS: Readonly<Record<string, ExtraEntry>> = Object.fromEntries(
	[...GENERATE_OPERATIONS, ...FETCH_OPERATIONS].flatMap((declaration) => {
		const key = extraKey(declaration);
		if (key === undefined || declaration.extra === undefined) return [];
		const { documentedBy, songSubmit } = declaration.extra;
		return [[key, { name: declaration.name, documentedBy, songSubmit }]];
	}),
);

/** A key of EXTRA_OPERATIONS. */
export type ExtraOperation = string;

/** Whether the gateway at `baseUrl` offers `operation`: documented by its provider, or ticked. */
export function offers(
	operation: ExtraOperation,
	baseUrl: string,
	ticked: readonly string[],
): boolean {
	// A Custom URL on a preset's host is that provider: its documentation still applies.
	return (
		ticked.includes(operation) || documentedAt(baseUrl).includes(EXTRA_OPERATIONS[operation].name)
	);
}

/** The names of the operations the provider at `baseUrl` documents (none for an unknown host). */
export function documentedAt(baseUrl: string): string[] {
	const preset = presetAt(new URL(baseUrl).host)?.key;
	return Object.values(EXTRA_OPERATIONS)
		.filter(({ documentedBy }) => preset !== undefined && documentedBy.includes(preset))
		.map(({ name }) => name);
}

/** Why a gateway that does not offer `operation` is not sent it, and how to turn it on. */
export function notOfferedMessage(operation: ExtraOperation): {
	message: string;
	description: string;
} {
	const { name, songSubmit } = EXTRA_OPERATIONS[operation];
	const risk = songSubmit
		? 'a gateway without it can bill an ordinary song instead (a stock new-api gateway drops the fields it does not know)'
		: 'a gateway without it answers with an error or a web page, or may run something else';
	return {
		message: `${name} is not enabled for this gateway, so nothing was sent.`,
		description: `The documentation this package knows for this gateway does not list ${name}, and ${risk}. If your provider documents ${name}, tick it under Extra Operations Offered in the Suno API credential.`,
	};
}
