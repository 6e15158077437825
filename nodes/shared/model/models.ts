/**
 * Suno's models: the keys the gateways take in `mv`, the version each stands for, and the rule that
 * tells whether a clip was made by the model asked for. Pure; nothing here knows about n8n.
 * Sources: suno-extras.md §10 and landscape-2026.md §2.
 */

export interface SunoModel {
	/** What `mv` carries. */
	key: string;
	/** The version as Suno's `major_model_version` writes it. */
	version: string;
	label: string;
	/** Lyrics and style limits in characters, where a provider documents them. */
	limits?: { lyrics: number; style: number };
}

const LIMITS_V4 = { lyrics: 3000, style: 200 };
const LIMITS_V4_5_ON = { lyrics: 5000, style: 1000 };

/**
 * Model Version's choices, newest first. v6's limits are not documented anywhere yet: they are not
 * checked, so the gateway says what it refuses.
 */
export const MODELS: readonly SunoModel[] = [
	{ key: 'chirp-hawk', version: 'v6', label: 'Suno v6 (chirp-hawk)' },
	{ key: 'chirp-hawk-wild', version: 'v6-wild', label: 'Suno v6 Wild (chirp-hawk-wild)' },
	{ key: 'chirp-goose', version: 'v6-mini', label: 'Suno v6 Mini (chirp-goose)' },
	{ key: 'chirp-fenix', version: 'v5.5', label: 'Suno v5.5 (chirp-fenix)', limits: LIMITS_V4_5_ON },
	{ key: 'chirp-crow', version: 'v5', label: 'Suno v5 (chirp-crow)', limits: LIMITS_V4_5_ON },
	{
		key: 'chirp-bluejay',
		version: 'v4.5+',
		label: 'Suno v4.5+ (chirp-bluejay)',
		limits: LIMITS_V4_5_ON,
	},
	{
		key: 'chirp-auk-turbo',
		version: 'v4.5-all',
		label: 'Suno v4.5-all (chirp-auk-turbo)',
		limits: LIMITS_V4_5_ON,
	},
	{ key: 'chirp-auk', version: 'v4.5', label: 'Suno v4.5 (chirp-auk)', limits: LIMITS_V4_5_ON },
	{ key: 'chirp-v4', version: 'v4', label: 'Suno v4 (chirp-v4)', limits: LIMITS_V4 },
];

/**
 * The default of Model Version. n8n saves no parameter left at its default, so changing this moves
 * every existing workflow to another (paid) model: see the README, "Model Version".
 */
export const DEFAULT_MODEL = 'chirp-fenix';

/**
 * Keys a submit is refused with before anything is paid for: Suno took them offline, so their task
 * would fail. To refuse more (when the providers say so), add their keys here, with a source.
 */
export const OFFLINE_MODELS: readonly string[] = [
	// Listed as offline ("已下线") by the providers (suno-extras.md §10), in both spellings.
	'chirp-v3-0',
	'chirp-v3-5',
	'chirp-v3.0',
	'chirp-v3.5',
];

/**
 * Other names a request may carry for a version: gateways' own `mv` aliases (DMXAPI, yunwu and
 * AllAPI take `chirp-v5`), sunoapi.org's `model` values (sent through Extra Body Fields), and
 * the offline keys. Not offered in the list; used to compare what was asked with what came back.
 */
const OTHER_NAMES: Record<string, string> = {
	'chirp-v5': 'v5',
	'chirp-v3-0': 'v3',
	'chirp-v3.0': 'v3',
	'chirp-v3-5': 'v3.5',
	'chirp-v3.5': 'v3.5',
	v4: 'v4',
	v4_5: 'v4.5',
	v4_5plus: 'v4.5+',
	v4_5all: 'v4.5-all',
	v5: 'v5',
	v5_5: 'v5.5',
};

const VERSION_OF = new Map<string, string>([
	...MODELS.map(({ key, version }): [string, string] => [key, version]),
	...Object.entries(OTHER_NAMES),
]);

/** The version a model name stands for ("chirp-fenix", "chirp-v5", "V5_5"), or null for a name we do not know. */
export function versionOf(name: string): string | null {
	return VERSION_OF.get(name.trim().toLowerCase()) ?? null;
}

export function isOffline(name: string): boolean {
	return OFFLINE_MODELS.includes(name.trim().toLowerCase());
}

/** A version's number without its variant ("4.5" of "v4.5+", "V4_5ALL" or "4.5-all"); null for no version. */
function familyOf(version: string): string | null {
	const label = version.trim().toLowerCase().replace(/_/g, '.');
	return /^v?(\d+(?:\.\d+)?)/.exec(label)?.[1] ?? null;
}

/** What a clip reports about the model that made it. */
export interface ModelReport {
	/** `model_name`: the key ("chirp-fenix"), or Suno's own name ("chirp-v3" for v3.5 clips). */
	model: string | null;
	/** `major_model_version`: "v5.5", "v3.5". */
	modelVersion: string | null;
}

/**
 * Whether the clip was made by another model than `asked`: only when something the clip reports
 * names another version number. Its model name counts when it is a key we know ("chirp-v3", Suno's
 * name for its v3.5 clips, says nothing), its major_model_version always. Variants of one version
 * (v4.5, v4.5+ and v4.5-all; v6, v6 Wild and v6 Mini) are not told apart: Suno names them
 * inconsistently (a v4.5-all clip says model_name "chirp-auk"). A request or a clip we cannot read
 * is never called different.
 */
export function madeByAnotherModel(asked: string, clip: ModelReport): boolean {
	const askedVersion = versionOf(asked);
	if (askedVersion === null) return false;
	const family = familyOf(askedVersion);
	const named = clip.model === null ? null : versionOf(clip.model);
	return [named, clip.modelVersion].some((version) => {
		const reported = version === null ? null : familyOf(version);
		return reported !== null && reported !== family;
	});
}
