export interface LoggedRequest {
	method: string;
	path: string;
	rawPath: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	at: number;
	/** When the answer ended or the client went away (ms since the epoch). */
	closedAt?: number;
}

export interface Fault {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	drop?: boolean;
	dropMidBody?: boolean;
	hang?: boolean;
	slowBodyMs?: number;
	/** Answered as usual: holds a place in the queue. */
	pass?: boolean;
	/** Media only: the real file's headers and first n bytes, then the connection destroyed. */
	breakAfterBytes?: number;
	/** Media only: the real file's headers, then one byte every this many ms. */
	trickleMs?: number;
	times?: number;
}

/**
 * How the mock names new tasks; LYRICS tasks keep a dashed UUID in 'hex' style, as Suno-API's do.
 * 'snowflake': numeric ids past 2^53, sent as bare JSON numbers in submit and fetch answers.
 */
export type IdStyle = 'uuid' | 'task' | 'hex' | 'snowflake';

/**
 * 'extended': a reseller's gateway with the extras (concat, upload, stems, cover, personas, act/*);
 * 'stock': an unmodified new-api, which drops unknown submit fields and answers other paths with HTML;
 * 'official': a stock new-api whose Suno channel is sunoapi.org's API: a MUSIC submit answers
 * `{code: 200, msg, data: {taskId}}` and takes sunoapi.org's `model`; its tasks carry sunoapi.org's
 * status words (PENDING, TEXT_SUCCESS, FIRST_SUCCESS, SUCCESS, GENERATE_AUDIO_FAILED), camelCase
 * clips and millisecond times.
 */
export type Gateway = 'extended' | 'stock' | 'official';

/** How `GET /suno/act/{wav|mp4}/{clip_id}` answers (undocumented upstream, so switchable). */
export type ActShape = 'url' | 'taskId' | 'object' | 'raw' | 'bytes' | 'empty' | 'weird';

/** One accepted paid request: `POST /suno/submit/{music|lyrics|concat}` or `/suno/uploads/audio-url`. */
export interface SubmitRecord {
	/** The task's action; concat and upload tasks are MUSIC tasks. */
	action: 'MUSIC' | 'LYRICS';
	route: 'music' | 'lyrics' | 'concat' | 'upload';
	/** The request body as parsed, before the gateway filled anything in. */
	body: Record<string, unknown>;
	/** The body as the gateway passed it upstream: `body` itself, less unknown fields on 'stock'. */
	forwarded: Record<string, unknown>;
	/**
	 * The model the gateway used: the body's `mv` (or sunoapi.org's `model` on 'official'), or
	 * new-api's default `chirp-v3-0`, after `upgrades`; undefined for LYRICS, concat and upload.
	 */
	mv: string | undefined;
	taskId: string;
	at: number;
}

export interface ProviderOptions {
	apiKey?: string;
	flavour?: 'newapi' | 'onehub';
	advance?: 'poll' | number;
	latencyMs?: number;
	/** Submit ids: dashed UUIDs (commercial upstreams), 2026 `task_…` ids, or Suno-API's 32 hex (MUSIC only). */
	idStyle?: IdStyle;
	mediaBytes?: number;
	/**
	 * The finished clips' audio: 'mp3' (default) names it `.mp3` as gateways do, the bytes a
	 * stand-in (no MP3 encoder here); 'wav' names it `.wav` and serves a real WAV (demo, dev).
	 */
	songFormat?: 'mp3' | 'wav';
	/** Default 'extended'; `reset()` returns to this. */
	gateway?: Gateway;
}

/** A persona made by `POST /suno/persona/create`. */
export interface PersonaRecord {
	id: string;
	body: Record<string, unknown>;
	at: number;
}

/** One `GET /suno/act/{wav|mp4}/{clip_id}`, refused ones included. */
export interface ActRecord {
	kind: 'wav' | 'mp4';
	clipId: string;
	at: number;
}

export interface TaskSpec {
	action?: 'MUSIC' | 'LYRICS';
	id?: string;
	title?: string;
	tags?: string;
	prompt?: string;
	fail?: boolean;
	finishAfter?: number;
	clips?: number;
	finishAt?: number;
	holdAt?: 'NOT_START' | 'QUEUED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';
	/** The clips' `model_name` (default chirp-v4); chirp-v3-0 and chirp-v3-5 are offline, so the task fails. */
	mv?: string;
	/** The clips' `metadata.gpt_description_prompt` (default 'a dance track'; null in custom mode). */
	gptDescriptionPrompt?: string | null;
	/** An extension: the clips' `metadata.history` names this clip… */
	continueClipId?: string;
	/** …and the second the extension went on from. */
	continueAt?: number | null;
	/** `fail_reason` and the clips' `metadata.error_message` when the task fails. */
	failReason?: string;
	/** The clips' `metadata.error_type` when the task fails. */
	errorType?: string;
	/** The clips' `metadata.type` (default 'gen'). */
	type?: string;
	/** More fields for every clip's `metadata` (e.g. `stem_from_id`, `concat_history`). */
	metadata?: Record<string, unknown>;
	/** One title per clip, instead of `title`; also sets the clip count unless `clips` does. */
	clipTitles?: string[];
	/** `metadata.duration` once finished (default 121.5). */
	duration?: number;
	/** A WAV render (.wav `audio_url`, no video) or an MP4 render (the source's `audio_url`, a new video). */
	converted?: { kind: 'wav' | 'mp4'; sourceAudioUrl?: string };
}

export declare class LocalSunoProvider {
	constructor(options?: ProviderOptions);
	apiKey: string;
	flavour: 'newapi' | 'onehub';
	advance: 'poll' | number;
	latencyMs: number;
	/** Settable at any time; `reset()` restores the constructor's value. */
	idStyle: IdStyle;
	/** Submits still allowed (default Infinity); at 0 a submit answers 403. */
	quota: number;
	/**
	 * Models made instead of the one asked for, `{asked: made}` (e.g. `{'chirp-fenix': 'chirp-hawk'}`,
	 * a gateway moving requests to Suno v6); cleared by `reset()`.
	 */
	upgrades: Record<string, string>;
	/** Which new-api the mock plays for submits: reply message and the quota error's code. */
	era: 'pre2026' | '2026';
	/** Accepted submits in order; cleared by `reset()`. */
	submits: SubmitRecord[];
	/** Settable at any time; `reset()` restores the constructor's value. */
	gateway: Gateway;
	/** Default 'url'; `reset()` restores it. */
	actShape: ActShape;
	/** Personas created, in order; cleared by `reset()`. */
	personas: PersonaRecord[];
	/** Every act wav/mp4 request, in order; cleared by `reset()`. */
	acts: ActRecord[];
	url: string;
	mediaSize: number;
	mediaFaults: Fault[];
	mediaChunked: boolean;
	songFormat: 'mp3' | 'wav';
	pathPrefix: string;
	caseInsensitiveIds: boolean;
	/** `[min, max]` ms: a submitted task finishes at a random time in this range (else per `advance`). */
	submitDurationMs: [number, number] | null;
	/** A replica a moment behind: a created task is left out of fetch answers for this many ms. */
	listLagMs: number;
	/** File URLs signed with the caller's key (`?key=…`), as some gateways do. */
	signMediaWithKey: boolean;
	log: LoggedRequest[];
	counters: {
		requests: number;
		fetchBatch: number;
		fetchSingle: number;
		/** Accepted submits, concat and upload included. */
		submit: number;
		/** Every POST to /suno/submit/* and /suno/uploads/audio-url, refused ones included. */
		submitAttempts: number;
		media: number;
		idsFetched: number;
		/** Every authorised persona create request, refused ones included. */
		personaCreate: number;
		/** Every authorised GET /suno/act/timing/{clip_id}. */
		timing: number;
		/** Every authorised GET /suno/act/{wav|mp4}/{clip_id}. */
		act: number;
	};
	tasks: Map<string, unknown>;
	start(port?: number): Promise<this>;
	stop(): Promise<void>;
	reset(): void;
	addTask(task: { task_id: string } & Record<string, unknown>): string;
	createTask(spec?: TaskSpec): string;
	seedDemo(): string[];
	newId(action?: 'MUSIC' | 'LYRICS'): string;
	addMedia(name: string): string;
	setRoute(
		method: string,
		path: string,
		response: { status?: number; body: unknown; headers?: Record<string, string> },
	): void;
	injectFault(fault: Fault): void;
}

export declare const DEMO_TASKS: Array<TaskSpec & { id: string }>;

/**
 * The exact `size` bytes the provider serves for a media file of that name: a real WAV (8 kHz mono
 * 16-bit PCM) for .wav, a real baseline JPEG for .jpeg, a format header and filler otherwise (.mp4).
 */
export declare function mediaBytes(name: string, size: number): Buffer;

/** The title the mock gives a described song or a lyrics request: the first four words, capitalised. */
export declare function titleFrom(text: string): string;

/** The lyrics the mock "writes" for a description or a lyrics request. */
export declare function lyricsAbout(text: string): string;

/** `aligned_words` of `GET /suno/act/timing` for these lyrics. */
export declare function alignedWords(lyrics: string | null | undefined): Array<{
	word: string;
	success: boolean;
	start_s: number;
	end_s: number;
	p_align: number;
}>;

/** Stem names per `stem_task`. */
export declare const STEMS: { two: string[]; twelve: string[] };
