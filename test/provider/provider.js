'use strict';
/**
 * A local Suno aggregator that answers like the new-api / one-hub gateways (see README, "Local
 * provider"): bearer auth, POST /suno/fetch, GET /suno/fetch/{id}, POST /suno/submit/{music|lyrics}
 * (validated as new-api validates them, with a quota), tasks that move NOT_START → QUEUED →
 * IN_PROGRESS → SUCCESS (or FAILURE) over polls or over time, and media files behind the clips'
 * URLs (media.js: real JPEG covers; songs a stand-in .mp3 as gateways name them, or a real .wav
 * with `songFormat: 'wav'` as the demo and `npm run dev` ask; the MP4 is a stand-in, not playable). The default 'extended' gateway also plays the resellers' extras (suno-extras.md):
 * POST /suno/submit/concat, POST /suno/uploads/audio-url, submit/music with `task` gen_stem, cover
 * or artist_consistency, POST /suno/persona/create[/], GET /suno/act/{timing|wav|mp4}/{clip_id};
 * the 'stock' gateway is an unmodified new-api, which has none of them, and the 'official' one a
 * new-api whose Suno channel points at sunoapi.org (its answers in that API's words). Knobs for tests and
 * benchmarks: latency, queued faults (status, Retry-After, dropped connections, slow or never-ending
 * bodies), fixed responses per route, the gateway's era and id style, and a request log. Plain
 * Node, no dependencies; listens on 127.0.0.1 only.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { mediaBytes, mediaChunks, SAMPLE_RATE } = require('./media.js');

const MUSIC_STAGES = ['NOT_START', 'QUEUED', 'IN_PROGRESS', 'SUCCESS'];
const CLIP_STATUS = {
	NOT_START: null,
	SUBMITTED: 'submitted',
	QUEUED: 'queued',
	IN_PROGRESS: 'streaming',
	SUCCESS: 'complete',
	FAILURE: 'error',
};
const MEDIA_TYPES = {
	mp3: 'audio/mpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	mp4: 'video/mp4',
	wav: 'audio/wav',
};
/** A finished clip's `metadata.duration` unless its task says otherwise. */
const DEFAULT_DURATION = 121.5;

/** What new-api's `actionValidate` fills in when a MUSIC submit names no `mv`. */
const DEFAULT_MV = 'chirp-v3-0';
/** Suno took these offline ("已下线", suno-extras.md §10), yet new-api still defaults to one of them. */
const OFFLINE_MODELS = new Set(['chirp-v3-0', 'chirp-v3-5']);
/**
 * `major_model_version` per `mv`. Only v3/v4/v5 (crow) are documented; the rest follow the version
 * table in suno-extras.md §10 and are a guess at Suno's spelling.
 */
const MODEL_VERSIONS = {
	'chirp-v3-0': 'v3',
	'chirp-v3-5': 'v3.5',
	'chirp-v4': 'v4',
	'chirp-auk': 'v4.5',
	'chirp-auk-turbo': 'v4.5',
	'chirp-bluejay': 'v4.5+',
	'chirp-crow': 'v5',
	'chirp-fenix': 'v5.5',
	// Suno v6 (2026): only chirp-hawk's "v6" has been seen in a clip; the variants' are a guess.
	'chirp-hawk': 'v6',
	'chirp-hawk-wild': 'v6',
	'chirp-goose': 'v6',
};
/**
 * sunoapi.org's `model` values as Suno's keys: what the 'official' gateway's upstream makes when a
 * submit carries `model` (landscape-2026.md §2).
 */
const SUNOAPI_MODELS = {
	V4: 'chirp-v4',
	V4_5: 'chirp-auk',
	V4_5PLUS: 'chirp-bluejay',
	V4_5ALL: 'chirp-auk-turbo',
	V5: 'chirp-crow',
	V5_5: 'chirp-fenix',
};
/**
 * The task status new-api's official Suno channel stores per stage: sunoapi.org's record-info words,
 * passed through (`relay/channel/task/suno/suno_official.go`).
 */
const OFFICIAL_STATUS = {
	NOT_START: 'PENDING',
	QUEUED: 'TEXT_SUCCESS',
	IN_PROGRESS: 'FIRST_SUCCESS',
	SUCCESS: 'SUCCESS',
	FAILURE: 'GENERATE_AUDIO_FAILED',
};
/** Statuses after which a task no longer changes (stored as JSON from then on). */
const FINAL_STATUSES = new Set(['SUCCESS', 'FAILURE', OFFICIAL_STATUS.FAILURE]);
/**
 * The fields new-api's `dto.SunoSubmitReq` declares, with their Go types: Go's decoder refuses a
 * value of another JSON kind, so a submit carrying one gets its error, not a task.
 */
const SUBMIT_FIELDS = {
	gpt_description_prompt: 'string',
	prompt: 'string',
	mv: 'string',
	title: 'string',
	tags: 'string',
	continue_at: 'float64',
	task_id: 'string',
	continue_clip_id: 'string',
	make_instrumental: 'bool',
};
const JS_TYPE_OF_GO = { string: 'string', float64: 'number', bool: 'boolean' };
/**
 * What a stock new-api keeps of a submit: it re-marshals the body into `dto.SunoSubmitReq`, so
 * every other field (`task`, `stem_*`, `persona_id`, `cover_clip_id` …) never reaches upstream
 * (suno-extras.md §0.3). Newer versions of the struct added the last four.
 */
const STOCK_SUBMIT_FIELDS = [
	...Object.keys(SUBMIT_FIELDS),
	'instrumental',
	'model',
	'callBackUrl',
	'customMode',
];
/** Stem names per `stem_task`; the twelve are a guess taken from other families (suno-extras.md §13). */
const STEMS = {
	two: ['Vocals', 'Instrumental'],
	twelve: [
		'Vocals',
		'Backing Vocals',
		'Drums',
		'Bass',
		'Guitar',
		'Keyboard',
		'Strings',
		'Brass',
		'Woodwinds',
		'Percussion',
		'Synth',
		'FX',
	],
};
/**
 * A stock new-api answers any path it does not route (`/suno/act/*`, `/suno/persona/*` …) with its
 * web UI's index page, HTTP 200, before any auth (the web `NoRoute` handler, suno-extras.md §0.4).
 */
const DASHBOARD_HTML =
	'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>New API</title>' +
	'<meta name="viewport" content="width=device-width, initial-scale=1.0">' +
	'<script type="module" crossorigin src="/assets/index.js"></script></head>' +
	'<body><div id="root"></div></body></html>';

const DEMO_TASKS = [
	{
		id: 'demo-0001-midnight-drive',
		title: 'Midnight Drive',
		tags: 'synthwave retro night',
		finishAfter: 0,
	},
	{
		id: 'demo-0002-harbour-lights',
		title: 'Harbour Lights',
		tags: 'acoustic folk ballad',
		finishAfter: 0,
	},
	{
		id: 'demo-0003-still-rendering',
		title: 'Still Rendering',
		tags: 'lo-fi chill',
		holdAt: 'IN_PROGRESS',
	},
	{
		id: 'demo-0004-lyrics',
		action: 'LYRICS',
		title: 'Neon Nights',
		prompt: '[Verse]\nCity lights are calling\nWe run until the morning',
		finishAfter: 0,
	},
	{ id: 'demo-0005-rejected', title: 'Rejected', fail: true, finishAfter: 0 },
];

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The kind of a JSON value as Go's encoding/json names it in its errors. */
function goKind(value) {
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'boolean') return 'bool';
	return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * What Go's `json.Unmarshal` into `*dto.SunoSubmitReq` says of a body that is JSON but does not fit
 * the struct (first misfit in the body's key order, as Go reports it); '' when it fits. `null`
 * values leave a Go field at its zero value, so they fit.
 */
function submitTypeError(body) {
	if (body === null) return '';
	if (typeof body !== 'object' || Array.isArray(body))
		return `json: cannot unmarshal ${goKind(body)} into Go value of type dto.SunoSubmitReq`;
	for (const [field, value] of Object.entries(body)) {
		const goType = SUBMIT_FIELDS[field];
		if (!goType || value === null || typeof value === JS_TYPE_OF_GO[goType]) continue;
		return `json: cannot unmarshal ${goKind(value)} into Go struct field SunoSubmitReq.${field} of type ${goType}`;
	}
	return '';
}

/**
 * The title the mock gives a song described rather than written (or a lyrics request): the first
 * four words of the description, each capitalised, as Suno's titles are; exported so tests can
 * expect it.
 */
function titleFrom(text) {
	const words = String(text)
		.split(/\s+/)
		.map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
		.filter(Boolean)
		.slice(0, 4);
	if (words.length === 0) return 'Untitled';
	return words.map((word) => word.charAt(0).toLocaleUpperCase() + word.slice(1)).join(' ');
}

/**
 * Lyrics "written" for a description: short, fixed and naming it, so a test can tell they were
 * made from what it sent (Suno's would only be about it).
 */
function lyricsAbout(text) {
	const theme = String(text).trim().replace(/\s+/g, ' ');
	const hook = titleFrom(theme);
	return `[Verse]\nA song from your words: ${theme}\nHere it is, before the night is done\n\n[Chorus]\n${hook}, ${hook}\nWe sing it till the morning comes`;
}

/**
 * Suno's aligned lyrics for `GET /suno/act/timing`: one entry per word, keeping the whitespace that
 * follows it, with section tags glued to the next word (`"[Verse]\nWinter "`), 0.4 s a word from
 * 8.38 s as in the documented example.
 */
function alignedWords(lyrics) {
	const tag = /^\[[^\]\n]*\]\s*$/;
	const tokens = String(lyrics ?? '')
		.trimStart()
		.match(/\[[^\]\n]*\]\s*|\S+\s*/g);
	const words = [];
	let pending = '';
	for (const token of tokens ?? []) {
		if (tag.test(token)) pending += token;
		else {
			words.push(pending + token);
			pending = '';
		}
	}
	if (pending) words.push(pending);
	const round = (seconds) => Math.round(seconds * 1000) / 1000;
	return words.map((word, index) => ({
		word,
		success: true,
		start_s: round(8.38 + index * 0.4),
		end_s: round(8.78 + index * 0.4),
		p_align: round(0.95 + ((index * 7) % 5) / 100),
	}));
}

/** The title Suno gives an uploaded file: its name without the extension. */
function uploadTitle(url) {
	let path = url;
	try {
		path = new URL(url).pathname;
	} catch {
		path = url.split(/[?#]/)[0];
	}
	let file = path.slice(path.lastIndexOf('/') + 1);
	try {
		file = decodeURIComponent(file);
	} catch {
		// a stray % stays as it is
	}
	return file.replace(/\.[^.]*$/, '').trim() || 'Uploaded audio';
}

const nonEmptyString = (value) => typeof value === 'string' && value !== '';

class LocalSunoProvider {
	/**
	 * @param {object} [options]
	 * @param {string} [options.apiKey]  the accepted bearer key
	 * @param {'newapi'|'onehub'} [options.flavour]  error shapes: new-api (400 task_not_exist, data null) or one-hub (404, data [])
	 * @param {'poll'|number} [options.advance]  tasks step once per fetch that sees them, or every N ms
	 * @param {number} [options.latencyMs]  delay before every API answer
	 * @param {'uuid'|'task'|'hex'|'snowflake'} [options.idStyle]  submit ids: dashed UUIDs (commercial
	 *   upstreams), 2026 `task_…` ids, Suno-API's 32 hex digits without dashes, or a gateway's numeric
	 *   ids past 2^53, sent as bare JSON numbers in submit and fetch answers (also settable later as
	 *   `idStyle`)
	 * @param {number} [options.mediaBytes]  size of each generated media file (64 KiB: a 4 s WAV);
	 *   a larger WAV plays its loop again, so big-file tests stay real files
	 * @param {'mp3'|'wav'} [options.songFormat]  the finished clips' audio: 'mp3' (default) names it
	 *   `.mp3` as every gateway does, and the bytes are a stand-in (an ID3 header and filler: no MP3
	 *   encoder here); 'wav' names it `.wav` and serves a real WAV, for the demo and `npm run dev`
	 * @param {'extended'|'stock'|'official'} [options.gateway]  a reseller's gateway with the extras,
	 *   an unmodified new-api, or a new-api whose Suno channel is sunoapi.org's API (also settable
	 *   later as `gateway`)
	 */
	constructor(options = {}) {
		this.apiKey = options.apiKey ?? 'local-test-key';
		this.flavour = options.flavour ?? 'newapi';
		this.advance = options.advance ?? 'poll';
		this.latencyMs = options.latencyMs ?? 0;
		this.idStyle = options.idStyle ?? 'uuid';
		/** What `reset()` returns `idStyle` to, since tests flip it. */
		this.initialIdStyle = this.idStyle;
		this.gateway = options.gateway ?? 'extended';
		this.initialGateway = this.gateway;
		/**
		 * How `GET /suno/act/{wav|mp4}` answers; nobody documents it (suno-extras.md §7, §9), so tests
		 * pick: 'url', 'taskId', 'object', 'raw', 'bytes', 'empty' or 'weird'.
		 */
		this.actShape = 'url';
		/** Submits still allowed before the gateway answers 403 (user quota); each accepted one uses one. */
		this.quota = Infinity;
		/**
		 * Models the gateway makes instead of the one asked for, `{asked: made}`: `{'chirp-fenix':
		 * 'chirp-hawk'}` plays a gateway that moves requests for older models to Suno v6.
		 */
		this.upgrades = {};
		/**
		 * 'pre2026': new-api up to Feb 2026; '2026': since `ba25ba88f`, which answers a submit with the
		 * upstream's message ('task completed successfully' in docs.ccapi.ai's example) and names an
		 * empty quota `insufficient_user_quota`. The id form is `idStyle`'s: set 'task' for a 2026 gateway.
		 */
		this.era = 'pre2026';
		/**
		 * Every accepted submit, in order: `{action, route, body, forwarded, mv, taskId, at}` (body as
		 * parsed, forwarded as the gateway passed it upstream).
		 */
		this.submits = [];
		/** Personas created, `{id, body, at}`. */
		this.personas = [];
		/** Every `GET /suno/act/{wav|mp4}/{clip_id}`, `{kind, clipId, at}`. */
		this.acts = [];
		this.personaClipSeq = 11288925;
		this.mediaSize = options.mediaBytes ?? 64 * 1024;
		// A WAV song says how long it really plays (16-bit mono): the player and the item agree.
		this.songDuration =
			options.songFormat === 'wav'
				? Math.round((this.mediaSize / (SAMPLE_RATE * 2)) * 100) / 100
				: DEFAULT_DURATION;
		this.songFormat = options.songFormat ?? 'mp3';
		/** @type {Map<string, any>} insertion order is the database order */
		this.tasks = new Map();
		this.seq = 0;
		this.routes = new Map();
		this.faults = [];
		this.mediaFaults = [];
		this.mediaChunked = false;
		/** e.g. '/gw': the API answers only under this prefix (media stay at the root). */
		this.pathPrefix = '';
		/** MySQL-backed gateways match ids without regard to case and answer with their own spelling. */
		this.caseInsensitiveIds = false;
		/** `[min, max]` ms: a submitted task finishes at a random time in this range (else per `advance`). */
		this.submitDurationMs = null;
		/** A replica a moment behind: a created task is left out of fetch answers for this many ms. */
		this.listLagMs = 0;
		/** A gateway that signs its file URLs with the caller's key (`?key=…`). */
		this.signMediaWithKey = false;
		this.extraMedia = new Set();
		this.log = [];
		this.counters = {
			requests: 0,
			fetchBatch: 0,
			fetchSingle: 0,
			submit: 0,
			submitAttempts: 0,
			media: 0,
			idsFetched: 0,
			personaCreate: 0,
			timing: 0,
			act: 0,
		};
		this.server = http.createServer((req, res) => this.handle(req, res));
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.url = '';
	}

	async start(port = 0) {
		await new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${this.server.address().port}`;
		return this;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	reset() {
		this.tasks.clear();
		this.routes.clear();
		this.faults = [];
		this.mediaFaults = [];
		this.extraMedia.clear();
		this.log = [];
		for (const key of Object.keys(this.counters)) this.counters[key] = 0;
		this.latencyMs = 0;
		this.pathPrefix = '';
		this.caseInsensitiveIds = false;
		this.submitDurationMs = null;
		this.listLagMs = 0;
		this.signMediaWithKey = false;
		this.quota = Infinity;
		this.upgrades = {};
		this.era = 'pre2026';
		this.idStyle = this.initialIdStyle;
		this.gateway = this.initialGateway;
		this.actShape = 'url';
		this.submits = [];
		this.personas = [];
		this.acts = [];
	}

	/** Stores a task object exactly as given (e.g. from a fixture); it does not change over time. */
	addTask(task) {
		this.tasks.set(task.task_id, { fixed: task, seq: this.seq++ });
		return task.task_id;
	}

	/**
	 * Creates a task that moves through its stages, as a submit would.
	 * @param {object} [spec]
	 * @param {'MUSIC'|'LYRICS'} [spec.action]
	 * @param {string} [spec.id]
	 * @param {string} [spec.title]
	 * @param {boolean} [spec.fail]  end in FAILURE instead of SUCCESS
	 * @param {number} [spec.finishAfter]  polls (or ticks) until finished; default: 3 for MUSIC, 1 for LYRICS
	 * @param {number} [spec.clips]  clips per MUSIC task, default 2
	 * @param {string} [spec.holdAt]  stay at this stage for ever (e.g. 'IN_PROGRESS')
	 * @param {number} [spec.finishAt]  finish at this time (ms since the epoch), in progress until then
	 * @param {string} [spec.mv]  the clips' `model_name`; an offline model (chirp-v3-0, chirp-v3-5) fails the task
	 * @param {string|null} [spec.gptDescriptionPrompt]  the clips' `metadata.gpt_description_prompt`
	 * @param {string} [spec.continueClipId]  an extension of this clip (`metadata.history`)
	 * @param {number|null} [spec.continueAt]  …from this second
	 * @param {string} [spec.failReason]  `fail_reason` and the clips' `error_message` on FAILURE
	 * @param {string} [spec.errorType]  the clips' `metadata.error_type` on FAILURE
	 * @param {string} [spec.type]  the clips' `metadata.type`, default 'gen'
	 * @param {object} [spec.metadata]  more fields for every clip's `metadata`
	 * @param {string[]} [spec.clipTitles]  a title per clip (stems), instead of `title`
	 * @param {number} [spec.duration]  `metadata.duration` once finished, default 121.5
	 * @param {{kind: 'wav'|'mp4', sourceAudioUrl?: string}} [spec.converted]  a WAV or MP4 render of
	 *   a clip: a .wav `audio_url` and no video, or the source's `audio_url` and a new video
	 */
	createTask(spec = {}) {
		const action = (spec.action ?? 'MUSIC').toUpperCase();
		const id = spec.id ?? this.newId(action);
		const finishAfter = spec.finishAfter ?? (action === 'LYRICS' ? 1 : MUSIC_STAGES.length - 1);
		const mv = spec.mv ?? 'chirp-v4';
		// What a gateway does with a model Suno retired is not documented. The mock lets the task run
		// and end in FAILURE; its fail_reason wording and error_type are guesses.
		const offline = action === 'MUSIC' && OFFLINE_MODELS.has(mv);
		const clipCount = spec.clips ?? spec.clipTitles?.length ?? 2;
		this.tasks.set(id, {
			seq: this.seq++,
			live: {
				id,
				action,
				title: spec.title ?? (action === 'LYRICS' ? 'Neon Nights' : 'Electric Dance Party'),
				tags: spec.tags ?? 'club banger high-energy edm',
				prompt: spec.prompt ?? "[Verse]\nEverybody in the place\nLet's go",
				fail: Boolean(spec.fail) || offline,
				failReason:
					spec.failReason ??
					(offline ? `model ${mv} is offline` : 'Unable to generate lyrics from the given prompt.'),
				errorType: spec.errorType ?? (offline ? 'model_offline' : 'moderation_failure'),
				mv,
				gptDescriptionPrompt:
					spec.gptDescriptionPrompt !== undefined ? spec.gptDescriptionPrompt : 'a dance track',
				continueClipId: spec.continueClipId,
				continueAt: spec.continueAt ?? null,
				finishAfter,
				holdAt: spec.holdAt,
				finishAt: spec.finishAt,
				clipCount,
				clipIds: Array.from({ length: clipCount }, () => crypto.randomUUID()),
				type: spec.type ?? 'gen',
				metadata: spec.metadata ?? null,
				clipTitles: spec.clipTitles,
				duration: spec.duration ?? this.songDuration,
				converted: spec.converted,
				polls: 0,
				createdMs: Date.now(),
				submitTime: Math.floor(Date.now() / 1000),
				startTime: 0,
				finishTime: 0,
			},
		});
		return id;
	}

	/**
	 * The tasks the example workflows ask for: two finished songs, one still streaming, one
	 * lyrics task, one that failed. Their ids are fixed so the examples can name them.
	 */
	seedDemo() {
		for (const spec of DEMO_TASKS) if (!this.tasks.has(spec.id)) this.createTask(spec);
		return DEMO_TASKS.map((spec) => spec.id);
	}

	/** A new task id in `idStyle`'s form. */
	newId(action = 'MUSIC') {
		if (this.idStyle === 'task') {
			const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
			return `task_${Array.from(crypto.randomBytes(32), (byte) => alphabet[byte % alphabet.length]).join('')}`;
		}
		// Suno-API names a MUSIC task with `common.GetUUID` (dashes dropped) but keeps Suno's own
		// lyrics id, a dashed UUID, for a LYRICS task (suno-api.md §1.8).
		// A snowflake id: 19 or 20 digits, past what a JavaScript number holds exactly.
		if (this.idStyle === 'snowflake')
			return `1${Array.from(crypto.randomBytes(19), (byte) => byte % 10).join('')}`;
		if (this.idStyle === 'hex' && action === 'MUSIC')
			return crypto.randomUUID().replaceAll('-', '');
		return crypto.randomUUID();
	}

	/** Serves `/media/<name>` (generated bytes) although no live task owns it; returns its URL. */
	addMedia(name) {
		this.extraMedia.add(name);
		return `${this.url}/media/${name}`;
	}

	/** Answers `method path` with a fixed status and body (any dialect) until cleared. */
	setRoute(method, path, response) {
		this.routes.set(`${method} ${path}`, response);
	}

	/**
	 * Queues faults for the next API requests, first in first out. A fault is one of
	 * `{status, body?, headers?}`, `{drop: true}` (connection destroyed before an answer),
	 * `{dropMidBody: true}`, `{pass: true}` (answered as usual: a place in the queue), `{hang: true}` (never answers), `{slowBodyMs}` (body trickles out).
	 * `times` repeats it. `mediaFaults` is the same queue for file downloads, where
	 * `{breakAfterBytes: n}` also works: the real file's headers and first n bytes, then the
	 * connection destroyed; and `{trickleMs: n}`: the real file's headers, then a byte every n ms.
	 */
	injectFault(fault) {
		const times = fault.times ?? 1;
		for (let i = 0; i < times; i++) this.faults.push(fault);
	}

	stageOf(live) {
		if (live.holdAt) return live.holdAt;
		if (live.finishAt !== undefined) {
			if (Date.now() >= live.finishAt) return live.fail ? 'FAILURE' : 'SUCCESS';
			return live.action === 'LYRICS' ? 'NOT_START' : 'IN_PROGRESS';
		}
		const steps =
			this.advance === 'poll'
				? live.polls
				: Math.floor((Date.now() - live.createdMs) / this.advance);
		if (steps >= live.finishAfter) return live.fail ? 'FAILURE' : 'SUCCESS';
		if (live.action === 'LYRICS') return 'NOT_START';
		const inFlight = MUSIC_STAGES.slice(0, -1);
		return inFlight[
			Math.min(inFlight.length - 1, Math.floor((steps * inFlight.length) / live.finishAfter))
		];
	}

	/** The task as new-api's TaskDto, at its current stage; `seen` counts a poll. */
	render(stored, seen) {
		if (stored.fixed) return stored.fixed;
		const live = stored.live;
		const status = this.stageOf(live);
		if (seen) live.polls += 1;
		const now = Math.floor(Date.now() / 1000);
		if (status === 'IN_PROGRESS' || status === 'SUCCESS') live.startTime ||= now;
		if (status === 'SUCCESS' || status === 'FAILURE') live.finishTime ||= now;
		const failReason = live.fail && status === 'FAILURE' ? live.failReason : '';
		const task = {
			task_id: live.id,
			action: live.action,
			status,
			fail_reason: failReason,
			submit_time: live.submitTime,
			start_time: live.action === 'LYRICS' ? live.finishTime : live.startTime,
			finish_time: live.finishTime,
			progress: status === 'SUCCESS' || status === 'FAILURE' ? '100%' : '0%',
			data: null,
		};
		if (this.gateway === 'official' && live.action === 'MUSIC')
			return this.officialTask(task, live, status);
		if (live.action === 'LYRICS') {
			if (status === 'SUCCESS')
				task.data = { id: live.id, text: live.prompt, title: live.title, status: 'complete' };
			return task;
		}
		if (status !== 'NOT_START')
			task.data = live.clipIds.map((clipId) => this.clip(live, clipId, status, failReason));
		return task;
	}

	/**
	 * A MUSIC task as new-api's official Suno channel serves it: sunoapi.org's status word, its
	 * camelCase clips (`ToStandardResponse`), and times in milliseconds once the gateway has read
	 * the upstream (`submit_time`/`start_time` from its `createTime`, `finish_time` from
	 * `time.Now().UnixMilli()` on SUCCESS); before that, the gateway's own `submit_time` in seconds.
	 */
	officialTask(task, live, status) {
		const read = status !== 'NOT_START';
		if (status === 'SUCCESS') live.finishMs ||= Date.now();
		const clips = status === 'NOT_START' || status === 'FAILURE' ? null : live.clipIds;
		return {
			...task,
			status: OFFICIAL_STATUS[status],
			submit_time: read ? live.createdMs : live.submitTime,
			start_time: read ? live.createdMs : 0,
			finish_time: status === 'SUCCESS' ? live.finishMs : 0,
			data: clips?.map((clipId, index) => this.officialClip(live, clipId, status, index)) ?? null,
		};
	}

	/** sunoapi.org's clip (`OfficialSunoData`): the second clip's file comes last (FIRST_SUCCESS). */
	officialClip(live, clipId, status, index) {
		const media = (name) => `${this.url}/media/${name}`;
		const audio = status === 'SUCCESS' || (status === 'IN_PROGRESS' && index === 0);
		const streaming = status !== 'QUEUED';
		return {
			id: clipId,
			audioUrl: audio ? media(`${clipId}.${this.songFormat}`) : '',
			streamAudioUrl: streaming ? `${this.url}/audiopipe/?item_id=${clipId}` : '',
			imageUrl: streaming ? media(`image_${clipId}.jpeg`) : '',
			prompt: live.prompt,
			modelName: live.mv,
			title: live.clipTitles?.[index] ?? live.title,
			tags: live.tags,
			createTime: live.createdMs,
			duration: audio ? live.duration : 0,
		};
	}

	clip(live, clipId, status, failReason) {
		const done = status === 'SUCCESS';
		const signed = this.signMediaWithKey ? `?key=${encodeURIComponent(this.apiKey)}` : '';
		const media = (name) => `${this.url}/media/${name}${signed}`;
		const converted = live.converted?.kind;
		const audio = `${clipId}.${converted === 'wav' ? 'wav' : this.songFormat}`;
		return {
			id: clipId,
			title: live.clipTitles?.[live.clipIds.indexOf(clipId)] ?? live.title,
			status: CLIP_STATUS[status],
			metadata: {
				tags: live.tags,
				prompt: live.prompt,
				duration: done ? live.duration : null,
				error_type: status === 'FAILURE' ? live.errorType : null,
				error_message: status === 'FAILURE' ? failReason : null,
				audio_prompt_id: null,
				gpt_description_prompt: live.gptDescriptionPrompt,
				type: live.type,
				// Suno's clip names what it extends here (the continued clip and the second it went on from).
				history: live.continueClipId
					? [
							{
								id: live.continueClipId,
								continue_at: live.continueAt,
								type: 'gen',
								source: 'web',
								infill: false,
							},
						]
					: null,
				...live.metadata,
			},
			audio_url: done
				? converted === 'mp4'
					? live.converted.sourceAudioUrl
					: media(audio)
				: status === 'IN_PROGRESS'
					? `${this.url}/audiopipe/?item_id=${clipId}`
					: '',
			image_url: done || status === 'IN_PROGRESS' ? media(`image_${clipId}.jpeg`) : '',
			video_url: done && converted !== 'wav' ? media(`${clipId}.mp4`) : '',
			model_name: live.mv,
			image_large_url: done || status === 'IN_PROGRESS' ? media(`image_large_${clipId}.jpeg`) : '',
			major_model_version: MODEL_VERSIONS[live.mv] ?? null,
			created_at: new Date(live.createdMs).toISOString(),
		};
	}

	/** A stored task as a fetch finds it: none while a lagging replica does not list it yet. */
	taskById(id) {
		const stored = this.storedTask(id);
		const lagging = stored?.live && Date.now() - stored.live.createdMs < this.listLagMs;
		return lagging ? undefined : stored;
	}

	storedTask(id) {
		if (this.tasks.has(id) || !this.caseInsensitiveIds) return this.tasks.get(id);
		for (const [key, task] of this.tasks) if (key.toLowerCase() === id.toLowerCase()) return task;
		return undefined;
	}

	authorised(req) {
		return req.headers.authorization === `Bearer ${this.apiKey}`;
	}

	async handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url, 'http://127.0.0.1');
		const entry = {
			method: req.method,
			path: url.pathname,
			rawPath: req.url,
			headers: { ...req.headers },
			body: rawBody,
			at: Date.now(),
		};
		this.log.push(entry);
		this.counters.requests += 1;
		// When the client went away or the answer ended: a stopped download closes its connection.
		res.on('close', () => (entry.closedAt = Date.now()));

		if (url.pathname.startsWith('/media/')) {
			const mediaFault = this.mediaFaults.shift();
			const name = url.pathname.slice('/media/'.length);
			if (mediaFault?.breakAfterBytes !== undefined)
				return this.serveMedia(name, res, mediaFault.breakAfterBytes);
			if (mediaFault?.trickleMs !== undefined)
				return this.serveMedia(name, res, Infinity, mediaFault.trickleMs);
			if (mediaFault) return this.applyFault(mediaFault, res);
			return this.serveMedia(name, res);
		}
		if (url.pathname.startsWith('/audiopipe/'))
			return this.send(res, 200, 'live stream', { 'content-type': 'audio/mpeg' });
		// Behind a path prefix (a gateway mounted under /some/prefix): other paths get a proxy's HTML 404.
		if (this.pathPrefix) {
			if (!url.pathname.startsWith(`${this.pathPrefix}/`)) {
				return this.send(res, 404, '<html><body><h1>404 Not Found</h1><hr>nginx</body></html>', {
					'content-type': 'text/html',
				});
			}
			url.pathname = url.pathname.slice(this.pathPrefix.length);
		}

		if (this.latencyMs > 0) await sleep(this.latencyMs);
		const fault = this.faults.shift();
		if (fault && !fault.pass) return this.applyFault(fault, res);

		const fixed = this.routes.get(`${req.method} ${url.pathname}`);
		if (fixed) return this.send(res, fixed.status ?? 200, fixed.body, fixed.headers);

		if (!url.pathname.startsWith('/suno/'))
			return this.send(res, 404, {
				error: { message: 'Invalid URL', type: 'invalid_request_error' },
			});
		// Gin runs the /suno group's auth only for its three routes; the rest fall to NoRoute.
		if (this.gateway !== 'extended' && !this.stockRoute(req.method, url.pathname))
			return this.send(res, 200, DASHBOARD_HTML, { 'content-type': 'text/html; charset=utf-8' });
		if (!this.authorised(req)) {
			return this.send(res, 401, {
				error: {
					message: `Invalid token (request id: ${this.requestId()})`,
					type: 'new_api_error',
					code: '',
				},
			});
		}
		if (req.method === 'POST' && url.pathname === '/suno/fetch')
			return this.fetchBatch(rawBody, res);
		if (req.method === 'GET' && url.pathname.startsWith('/suno/fetch/')) {
			return this.fetchOne(decodeURIComponent(url.pathname.slice('/suno/fetch/'.length)), res);
		}
		const submit = /^\/suno\/submit\/([^/]+)$/.exec(url.pathname);
		if (req.method === 'POST' && submit) {
			if (this.gateway === 'extended' && submit[1].toLowerCase() === 'concat')
				return this.concat(rawBody, res);
			return this.submit(submit[1], rawBody, res);
		}
		if (this.gateway === 'extended') {
			if (req.method === 'POST' && url.pathname === '/suno/uploads/audio-url')
				return this.uploadUrl(rawBody, res);
			if (req.method === 'POST' && /^\/suno\/persona\/create\/?$/.test(url.pathname))
				return this.createPersona(rawBody, res);
			const act = /^\/suno\/act\/(timing|wav|mp4)\/([^/]+)$/.exec(url.pathname);
			if (req.method === 'GET' && act) {
				const clipId = decodeURIComponent(act[2]);
				return act[1] === 'timing' ? this.timing(clipId, res) : this.act(act[1], clipId, res);
			}
		}
		return this.send(res, 404, {
			error: { message: 'Invalid URL', type: 'invalid_request_error' },
		});
	}

	/** The only /suno routes a stock new-api has (suno-api.md §1.1). */
	stockRoute(method, path) {
		if (method === 'POST') return path === '/suno/fetch' || /^\/suno\/submit\/[^/]+$/.test(path);
		return method === 'GET' && /^\/suno\/fetch\/[^/]+$/.test(path);
	}

	/** new-api's request id form, as its error messages end with. */
	requestId() {
		return `${Date.now()}${crypto.randomBytes(4).toString('hex')}`;
	}

	fetchBatch(rawBody, res) {
		let body;
		try {
			body = JSON.parse(rawBody);
		} catch (error) {
			return this.send(res, 400, {
				code: 'invalid_request',
				message: rawBody === '' ? 'EOF' : error.message,
				data: null,
			});
		}
		const ids = body?.ids;
		if (ids !== undefined && ids !== null && !Array.isArray(ids)) {
			return this.send(res, 400, {
				code: 'invalid_request',
				message: 'json: cannot unmarshal into ids of type []interface {}',
				data: null,
			});
		}
		this.counters.fetchBatch += 1;
		if (!ids || ids.length === 0)
			return this.send(res, 200, { code: 'success', message: '', data: [] });
		this.counters.idsFetched += ids.length;
		// SQL `IN`: each known task once, in database (insertion) order.
		const found = [...new Set(ids.map(String))]
			.map((id) => this.taskById(id))
			.filter((task, index, all) => task && all.indexOf(task) === index)
			.sort((a, b) => a.seq - b.seq);
		if (this.flavour === 'onehub') found.splice(100);
		if (found.length === 0)
			return this.send(res, 200, {
				code: 'success',
				message: '',
				data: this.flavour === 'newapi' ? null : [],
			});
		// Gateways keep each task's data as stored JSON; so do we, once a task can no longer change.
		const data = found.map((stored) => this.renderJson(stored));
		return this.send(
			res,
			200,
			this.numericIds(`{"code":"success","message":"","data":[${data.join(',')}]}`),
		);
	}

	renderJson(stored) {
		if (stored.json) return stored.json;
		const task = this.render(stored, true);
		const json = JSON.stringify(task);
		if (FINAL_STATUSES.has(task.status)) stored.json = json;
		return json;
	}

	fetchOne(id, res) {
		this.counters.fetchSingle += 1;
		this.counters.idsFetched += 1;
		const stored = this.taskById(id);
		if (!stored) {
			return this.flavour === 'onehub'
				? this.send(res, 404, { code: 'task_not_exist', message: '' })
				: this.send(res, 400, { code: 'task_not_exist', message: 'task_not_exist', data: null });
		}
		const task = JSON.stringify({ code: 'success', message: '', data: this.render(stored, true) });
		return this.send(res, 200, this.numericIds(task));
	}

	/** A snowflake gateway's answer: its task ids as bare JSON numbers, as its database has them. */
	numericIds(json) {
		if (this.idStyle !== 'snowflake') return json;
		return json.replace(/"(task_id|data)":"(\d{17,})"/g, '"$1":$2');
	}

	/**
	 * `POST /suno/submit/{action}` as new-api handles it: the body decoded into `dto.SunoSubmitReq`,
	 * `actionValidate`, the continuation's task id, the user's quota, then the continuation's origin
	 * task, each failure as `{code, message, data: null}`. The checks run in new-api's order, so a
	 * body with several faults gets the first one's answer. The extended gateway then reads the
	 * body's `task` (gen_stem, cover, artist_consistency); a stock one never sees it.
	 */
	submit(action, rawBody, res) {
		this.counters.submitAttempts += 1;
		const refuse = (status, code, message) => this.send(res, status, { code, message, data: null });
		const kind = action.toUpperCase();
		// A stock new-api picks a channel for model `suno_<action>` before it reads the body, and has
		// none for anything but music and lyrics.
		if (this.gateway !== 'extended' && kind !== 'MUSIC' && kind !== 'LYRICS')
			return this.send(res, 503, {
				error: {
					message: `当前分组 default 下对于模型 suno_${action.toLowerCase()} 无可用渠道 (request id: ${this.requestId()})`,
					type: 'new_api_error',
				},
			});
		let body;
		try {
			// Lenient where new-api is not: an empty body counts as `{}`, so a bare curl makes a song.
			body = rawBody ? JSON.parse(rawBody) : {};
		} catch (error) {
			return refuse(400, 'invalid_request', error.message);
		}
		const typeError = submitTypeError(body);
		if (typeError) return refuse(400, 'invalid_request', typeError);
		const parsed = body ?? {};
		const request =
			this.gateway !== 'extended'
				? Object.fromEntries(
						Object.entries(parsed).filter(([field]) => STOCK_SUBMIT_FIELDS.includes(field)),
					)
				: parsed;
		// new-api upper-cases the path's action. It wraps this error as code `invalid_request`, and in
		// practice answers 503 first (no channel for model `suno_<action>`); the code here is the
		// mock's long-standing `invalid_action`.
		if (kind !== 'MUSIC' && kind !== 'LYRICS')
			return refuse(400, 'invalid_action', 'invalid_action');
		if (kind === 'LYRICS' && !request.prompt) return refuse(400, 'invalid_request', 'prompt_empty');
		// Only a continuation names an origin task (new-api ignores a lone `task_id`). The 2026
		// adaptor has this check commented out; the mock keeps it in both eras.
		const continuing = Boolean(request.continue_clip_id);
		if (continuing && !request.task_id) return refuse(400, 'invalid_request', 'task id is empty');
		if (this.quota <= 0) return this.refuseQuota(res);
		const origin = continuing ? this.storedTask(request.task_id) : undefined;
		if (continuing && !origin) return refuse(400, 'task_not_exist', 'task_origin_not_exist');

		const spec = { action: kind };
		const mv = kind === 'MUSIC' ? this.modelMade(request) : undefined;
		if (kind === 'LYRICS') {
			spec.title = request.title || titleFrom(request.prompt);
			spec.prompt = lyricsAbout(request.prompt);
		} else {
			// A stock gateway dropped `task`, so this is null there.
			const special = this.specialTask(request, origin);
			if (special?.refuse) return refuse(...special.refuse);
			if (special?.spec) Object.assign(spec, special.spec);
			else {
				spec.mv = mv;
				const description = request.gpt_description_prompt || '';
				const instrumental = request.make_instrumental === true;
				const extended = origin?.live;
				spec.gptDescriptionPrompt = description || null;
				spec.tags = request.tags || extended?.tags || undefined;
				if (description) {
					// Description mode: Suno writes the title and the lyrics itself.
					spec.title = titleFrom(description);
					spec.prompt = instrumental ? '' : lyricsAbout(description);
				} else {
					// Custom mode: `prompt` is the lyrics.
					spec.title = request.title || extended?.title || undefined;
					spec.prompt = instrumental ? '' : request.prompt || undefined;
				}
				if (continuing) {
					spec.continueClipId = request.continue_clip_id;
					spec.continueAt = request.continue_at ?? null;
				}
				if (special?.metadata) spec.metadata = special.metadata;
			}
		}
		const id = this.createTask(this.timed(spec));
		if (this.gateway === 'official' && kind === 'MUSIC')
			return this.acceptOfficial(res, id, { body: parsed, forwarded: { ...request }, mv });
		return this.accept(res, id, {
			action: kind,
			route: kind.toLowerCase(),
			body: parsed,
			forwarded: { ...request },
			mv,
		});
	}

	/**
	 * The model a MUSIC submit is made with: `mv` (new-api fills in chirp-v3-0), or on the 'official'
	 * gateway sunoapi.org's `model` when it names one (the mock falls back to `mv`, where sunoapi.org
	 * documents `model` as required), then whatever `upgrades` makes of it.
	 */
	modelMade(request) {
		const asked = request.mv || DEFAULT_MV;
		const chosen = this.gateway === 'official' ? (SUNOAPI_MODELS[request.model] ?? asked) : asked;
		return this.upgrades[chosen] ?? chosen;
	}

	/**
	 * The resellers' `task` values on submit/music (suno-extras.md §3-§6, §11): `{refuse}` for a bad
	 * request, `{spec}` for a task built otherwise (stems), `{metadata}` for a song that carries
	 * more, or null for an ordinary song (unknown `task` values are ignored).
	 */
	specialTask(request, origin) {
		const invalid = (message) => ({ refuse: [400, 'invalid_request', message] });
		if (request.task === 'gen_stem') {
			const stems = STEMS[request.stem_task];
			const group = typeof request.stem_task === 'string' ? request.stem_task : '';
			if (!stems || request.stem_type_group_name !== group.charAt(0).toUpperCase() + group.slice(1))
				return invalid('stem_task must be two or twelve');
			if (!request.continue_clip_id) return invalid('continue_clip_id is empty');
			const source = this.clipsOf(origin).find((clip) =>
				this.sameId(clip.id, request.continue_clip_id),
			);
			if (!source) return { refuse: [400, 'task_not_exist', 'task_origin_not_exist'] };
			return {
				spec: {
					mv: 'chirp-stem',
					title: source.title,
					clipTitles: stems.map((stem) => `${source.title} - ${stem}`),
					tags: source.metadata?.tags ?? '',
					prompt: source.metadata?.prompt ?? '',
					gptDescriptionPrompt: null,
					type: 'stem',
					metadata: { stem_from_id: request.continue_clip_id, stem_task: request.stem_task },
					duration: this.durationOf(origin, source),
				},
			};
		}
		if (request.task === 'cover') {
			if (!nonEmptyString(request.cover_clip_id)) return invalid('cover_clip_id is empty');
			if (!this.findClip(request.cover_clip_id))
				return { refuse: [400, 'task_not_exist', 'clip_not_exist'] };
			return { metadata: { task: 'cover', cover_clip_id: request.cover_clip_id } };
		}
		if (request.task === 'artist_consistency') {
			if (!nonEmptyString(request.persona_id) || !nonEmptyString(request.artist_clip_id))
				return invalid('persona_id is empty');
			return {
				metadata: {
					task: 'artist_consistency',
					persona_id: request.persona_id,
					artist_clip_id: request.artist_clip_id,
				},
			};
		}
		return null;
	}

	/**
	 * `POST /suno/submit/concat` `{clip_id, is_infill}` (suno-extras.md §2): one clip joining an
	 * extension to what it extends. Checked in submit's order: body, quota, then the clip.
	 */
	concat(rawBody, res) {
		this.counters.submitAttempts += 1;
		const request = this.taskBody(rawBody, res);
		if (!request) return undefined;
		const clipId = request.clip_id;
		if (!nonEmptyString(clipId))
			return this.send(res, 400, {
				code: 'invalid_request',
				message: 'clip_id is empty',
				data: null,
			});
		if (this.quota <= 0) return this.refuseQuota(res);
		const found = this.findClip(clipId);
		if (!found)
			return this.send(res, 400, { code: 'task_not_exist', message: 'clip_not_exist', data: null });
		const { clip } = found;
		const extended = clip.metadata?.history?.[0];
		const id = this.createTask(
			this.timed({
				...this.oneClipFrom(found, 'concat'),
				duration: this.durationOf(found.stored, clip) + 60,
				metadata: {
					concat_history: [
						{
							id: extended?.id ?? clipId,
							continue_at: extended?.continue_at ?? null,
							type: 'gen',
							source: 'web',
							infill: request.is_infill === true,
						},
						{ id: clipId, continue_at: null },
					],
				},
			}),
		);
		return this.acceptTaskRoute(res, id, 'concat', request);
	}

	/**
	 * `POST /suno/uploads/audio-url` `{url}` (suno-extras.md §1a): a task holding the uploaded clip.
	 * The mock never fetches the URL.
	 */
	uploadUrl(rawBody, res) {
		this.counters.submitAttempts += 1;
		const request = this.taskBody(rawBody, res);
		if (!request) return undefined;
		if (!nonEmptyString(request.url))
			return this.send(res, 400, { code: 'invalid_request', message: 'url is empty', data: null });
		if (this.quota <= 0) return this.refuseQuota(res);
		const id = this.createTask(
			this.timed({
				title: uploadTitle(request.url),
				tags: '',
				prompt: '',
				gptDescriptionPrompt: null,
				clips: 1,
				type: 'upload',
			}),
		);
		return this.acceptTaskRoute(res, id, 'upload', request);
	}

	/**
	 * `POST /suno/persona/create[/]` (suno-extras.md §5): Suno's persona object, raw, at once. It is
	 * charged like a submit ("扣 100 积分"); errors are Suno's FastAPI `{detail}`, their wording a guess.
	 */
	createPersona(rawBody, res) {
		this.counters.personaCreate += 1;
		let body;
		try {
			body = rawBody ? JSON.parse(rawBody) : {};
		} catch (error) {
			return this.send(res, 400, { detail: error.message });
		}
		const request = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
		if (!nonEmptyString(request.root_clip_id) || !nonEmptyString(request.name))
			return this.send(res, 400, { detail: 'root_clip_id and name are required' });
		if (this.quota <= 0) return this.refuseQuota(res);
		const root = this.findClip(request.root_clip_id);
		if (!root) return this.send(res, 404, { detail: 'Clip not found' });
		const listed = Array.isArray(request.clips)
			? request.clips.map((clipId) => this.findClip(String(clipId))?.clip).filter(Boolean)
			: [];
		const id = crypto.randomUUID();
		this.quota -= 1;
		this.personas.push({ id, body: request, at: Date.now() });
		return this.send(res, 200, {
			id,
			name: request.name,
			description: typeof request.description === 'string' ? request.description : '',
			root_clip_id: root.clip.id,
			clip: root.clip,
			user_display_name: 'LocalMockUser',
			user_handle: 'localmockuser',
			user_image_url: 'https://cdn1.suno.ai/defaultPink.webp',
			persona_clips: (listed.length > 0 ? listed : [root.clip]).map((clip) => ({
				clip,
				id: this.personaClipSeq++,
			})),
			is_public: request.is_public === true,
		});
	}

	/** `GET /suno/act/timing/{clip_id}` (suno-extras.md §8): aligned lyrics, raw. */
	timing(clipId, res) {
		this.counters.timing += 1;
		const found = this.findClip(clipId);
		if (!found)
			return this.send(res, 400, { code: 'task_not_exist', message: 'task_not_exist', data: null });
		// Documented only as "will result in an error"; this body is a guess.
		if (!found.complete) return this.send(res, 400, { detail: 'Clip is not complete' });
		const seed = crypto.createHash('sha256').update(found.clip.id).digest();
		return this.send(res, 200, {
			aligned_words: alignedWords(found.clip.metadata?.prompt),
			waveform_data: Array.from(seed.subarray(0, 8), (byte) => Math.round(byte * 392) / 1e5),
			hoot_cer: 0.03,
			is_streamed: false,
		});
	}

	/**
	 * `GET /suno/act/{wav|mp4}/{clip_id}`: nobody documents the answer (suno-extras.md §7, §9), so
	 * `actShape` picks one of the shapes clients were seen to expect.
	 */
	act(kind, clipId, res) {
		this.counters.act += 1;
		this.acts.push({ kind, clipId, at: Date.now() });
		const found = this.findClip(clipId);
		if (!found)
			return this.send(res, 400, { code: 'task_not_exist', message: 'task_not_exist', data: null });
		if (!found.complete)
			return this.send(res, 400, { code: 'fail', message: 'clip is not complete', data: null });
		const { clip } = found;
		const name = `${clip.id}.${kind}`;
		// A fixture's clip is no live task's, so its file is served as extra media.
		this.extraMedia.add(name);
		const fileUrl = `${this.url}/media/${name}`;
		const success = (data) => this.send(res, 200, { code: 'success', message: '', data });
		switch (this.actShape) {
			case 'taskId':
				return success(
					this.createTask(
						this.timed({
							...this.oneClipFrom(found, kind),
							converted: { kind, sourceAudioUrl: clip.audio_url },
						}),
					),
				);
			case 'object':
				return success({ [`${kind}_file_url`]: fileUrl });
			case 'raw':
				return this.send(
					res,
					200,
					kind === 'wav' ? { wav_file_url: fileUrl } : { video_url: fileUrl },
				);
			case 'bytes':
				return this.serveMedia(name, res);
			case 'empty':
				return success('');
			case 'weird':
				return success({ state: 'running' });
			default:
				return success(fileUrl);
		}
	}

	/** A task-family body (concat, upload) as JSON, or undefined once a 400 went out. */
	taskBody(rawBody, res) {
		try {
			const body = rawBody ? JSON.parse(rawBody) : {};
			return body && typeof body === 'object' && !Array.isArray(body) ? body : {};
		} catch (error) {
			this.send(res, 400, { code: 'invalid_request', message: error.message, data: null });
			return undefined;
		}
	}

	refuseQuota(res) {
		const code = this.era === '2026' ? 'insufficient_user_quota' : 'quota_not_enough';
		return this.send(res, 403, { code, message: 'user quota is not enough', data: null });
	}

	/** Real jobs take one to three minutes: `submitDurationMs` gives each a random finish time. */
	timed(spec) {
		if (this.submitDurationMs) {
			const [min, max] = this.submitDurationMs;
			spec.finishAt = Date.now() + min + Math.random() * (max - min);
		}
		return spec;
	}

	/** An accepted task-family request: charged, counted, recorded, answered with the task id. */
	/** A one-clip task made from a source clip (a concatenation, a converted file): its spec. */
	oneClipFrom({ stored, clip }, type) {
		return {
			title: clip.title,
			tags: clip.metadata?.tags ?? '',
			prompt: clip.metadata?.prompt ?? '',
			mv: clip.model_name || undefined,
			gptDescriptionPrompt: null,
			clips: 1,
			type,
			duration: this.durationOf(stored, clip),
		};
	}

	/** A task-family route other than submit/music (concat, upload): passed upstream as it came. */
	acceptTaskRoute(res, id, route, request) {
		const record = {
			action: 'MUSIC',
			route,
			body: request,
			forwarded: { ...request },
			mv: undefined,
		};
		return this.accept(res, id, record);
	}

	accept(res, id, record) {
		this.quota -= 1;
		this.counters.submit += 1;
		this.submits.push({ ...record, taskId: id, at: Date.now() });
		const message = this.era === '2026' ? 'task completed successfully' : '';
		return this.send(
			res,
			200,
			this.numericIds(JSON.stringify({ code: 'success', message, data: id })),
		);
	}

	/**
	 * An accepted MUSIC submit on the 'official' gateway: new-api copies sunoapi.org's answer
	 * through (`DoResponseOfficial`), `{code: 200, msg, data: {taskId}}`.
	 */
	acceptOfficial(res, id, record) {
		this.quota -= 1;
		this.counters.submit += 1;
		this.submits.push({ action: 'MUSIC', route: 'music', ...record, taskId: id, at: Date.now() });
		return this.send(res, 200, { code: 200, msg: 'success', data: { taskId: id } });
	}

	sameId(a, b) {
		return a === b || (this.caseInsensitiveIds && a.toLowerCase() === b.toLowerCase());
	}

	/** A task's clips as fetch would show them now, without counting a poll (none for LYRICS). */
	clipsOf(stored) {
		if (!stored) return [];
		if (stored.fixed)
			return Array.isArray(stored.fixed.data)
				? stored.fixed.data.filter((clip) => clip && typeof clip.id === 'string')
				: [];
		const live = stored.live;
		if (live.action === 'LYRICS') return [];
		const status = this.stageOf(live);
		const failReason = live.fail && status === 'FAILURE' ? live.failReason : '';
		return live.clipIds.map((clipId) => this.clip(live, clipId, status, failReason));
	}

	/** The stored task holding a clip, that clip, and whether the task has finished well. */
	findClip(clipId) {
		for (const stored of this.tasks.values()) {
			const clip = this.clipsOf(stored).find((candidate) => this.sameId(candidate.id, clipId));
			if (!clip) continue;
			const status = stored.fixed ? stored.fixed.status : this.stageOf(stored.live);
			return { stored, clip, complete: status === 'SUCCESS' };
		}
		return undefined;
	}

	durationOf(stored, clip) {
		return stored?.live?.duration ?? clip.metadata?.duration ?? this.songDuration;
	}

	/**
	 * `breakAfterBytes`: the connection is destroyed once that many bytes were sent. `trickleMs`:
	 * after the headers, one byte every that many ms, until the client goes away.
	 */
	serveMedia(name, res, breakAfterBytes = Infinity, trickleMs = 0) {
		const ext = name.split('.').pop();
		const known =
			this.extraMedia.has(name) ||
			[...this.tasks.values()].some(
				(stored) => stored.live && stored.live.clipIds.some((clipId) => name.includes(clipId)),
			);
		if (!MEDIA_TYPES[ext] || !known)
			return this.send(res, 404, 'Not Found', { 'content-type': 'text/plain' });
		this.counters.media += 1;
		// `mediaChunked` leaves the size unannounced, as some file servers do.
		res.writeHead(200, {
			'content-type': MEDIA_TYPES[ext],
			...(this.mediaChunked ? {} : { 'content-length': this.mediaSize }),
		});
		if (trickleMs > 0) {
			const bytes = mediaBytes(name, this.mediaSize);
			let at = 0;
			const drip = () => {
				if (res.destroyed || at >= bytes.length) return res.destroyed ? undefined : res.end();
				res.write(bytes.subarray(at, ++at));
				setTimeout(drip, trickleMs);
			};
			res.on('error', () => undefined);
			return drip();
		}
		// Streamed with back-pressure, so a 200 MB file costs the provider one 1 MB block.
		const chunks = mediaChunks(name, this.mediaSize);
		let sent = 0;
		const pump = () => {
			for (let next = chunks.next(); !next.done; next = chunks.next()) {
				const chunk = next.value.subarray(0, Math.max(0, breakAfterBytes - sent));
				sent += chunk.length;
				if (sent >= breakAfterBytes) return res.write(chunk, () => res.socket?.destroy());
				if (!res.write(chunk)) return res.once('drain', pump);
			}
			res.end();
		};
		res.on('error', () => undefined);
		pump();
	}

	async applyFault(fault, res) {
		if (fault.drop) return res.socket.destroy();
		if (fault.hang) return undefined;
		const body =
			typeof fault.body === 'string'
				? fault.body
				: JSON.stringify(
						fault.body ?? { code: 'fault', message: `injected ${fault.status ?? 500}`, data: null },
					);
		if (fault.dropMidBody) {
			res.writeHead(fault.status ?? 200, {
				'content-type': 'application/json',
				...fault.headers,
				'content-length': body.length * 2,
			});
			res.write(body.slice(0, Math.floor(body.length / 2)));
			return setImmediate(() => res.socket.destroy());
		}
		if (fault.slowBodyMs) {
			res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
			for (const char of body) {
				if (res.destroyed) return undefined; // the client gave up, or the provider stopped
				res.write(char);
				await sleep(fault.slowBodyMs);
			}
			return res.end();
		}
		return this.send(
			res,
			fault.status ?? 500,
			fault.body ?? { code: 'fault', message: `injected ${fault.status ?? 500}`, data: null },
			fault.headers,
		);
	}

	send(res, status, body, headers = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(text);
	}
}

module.exports = {
	LocalSunoProvider,
	mediaBytes,
	titleFrom,
	lyricsAbout,
	alignedWords,
	DEMO_TASKS,
	STEMS,
};

if (require.main === module) {
	const port = Number(process.env.PORT ?? 8787);
	const provider = new LocalSunoProvider({
		apiKey: process.env.SUNO_LOCAL_KEY ?? 'local-test-key',
		advance: process.env.SUNO_ADVANCE_MS ? Number(process.env.SUNO_ADVANCE_MS) : 'poll',
		gateway: ['stock', 'official'].includes(process.env.SUNO_GATEWAY)
			? process.env.SUNO_GATEWAY
			: 'extended',
		songFormat: 'wav',
	});
	provider.start(port).then(() => {
		const ids = provider.seedDemo();
		process.stdout.write(`Local Suno provider on ${provider.url}\n`);
		process.stdout.write(
			`  API key: ${process.env.SUNO_LOCAL_KEY ? '(the value of SUNO_LOCAL_KEY)' : 'local-test-key'}\n`,
		);
		process.stdout.write(`  demo task ids: ${ids.join(', ')}\n`);
		process.stdout.write('  songs are 4 s WAVs, covers JPEGs (both real); videos are a stand-in\n');
		process.stdout.write(
			'  POST /suno/submit/music ({prompt, title, tags, mv} or {gpt_description_prompt},\n' +
				'    make_instrumental, continue_clip_id + task_id + continue_at) or /suno/submit/lyrics\n' +
				'    ({prompt}) creates more; mv chirp-v3-0 (the default) and chirp-v3-5 fail as offline.\n',
		);
		process.stdout.write(
			'  POST /suno/fetch {ids}, GET /suno/fetch/{id} read them; Ctrl-C stops.\n',
		);
		process.stdout.write(
			'  Extras: POST /suno/submit/concat {clip_id, is_infill}, POST /suno/uploads/audio-url {url},\n' +
				'    submit/music with task gen_stem (stem_task two|twelve), cover (cover_clip_id) or\n' +
				'    artist_consistency (persona_id, artist_clip_id), POST /suno/persona/create,\n' +
				'    GET /suno/act/timing|wav|mp4/{clip_id}. SUNO_GATEWAY=stock plays an unmodified new-api,\n' +
				'    SUNO_GATEWAY=official one whose Suno channel is sunoapi.org (camelCase clips, ms times).\n',
		);
	});
	const stop = () => provider.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
