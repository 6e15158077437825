/**
 * Reading a node's settings for a run (settings/read.ts) with Suno Fetch's own field definitions:
 * values from expressions, the Options collection, two files in one field, and the tool's time
 * limit. The context is n8n's interface (IExecuteFunctions) answering with the given values.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { FETCH_OPERATIONS } from '../../../../nodes/SunoFetch/actions/operations';
import { SunoFailure } from '../../../../nodes/shared/failure';
import { engineFields } from '../../../../nodes/shared/settings/fields';
import {
	fieldReader,
	fieldSet,
	readOutputOptions,
	readRunSettings,
} from '../../../../nodes/shared/settings/read';

const fields = fieldSet(engineFields('fetch', FETCH_OPERATIONS));

/** n8n's side of a run: parameters per item, and the node's type (a tool's ends in "Tool"). */
function contextOf(
	items: Array<Record<string, unknown>>,
	type = 'n8n-nodes-suno-fetch.sunoFetch',
): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, itemIndex: number, fallback: unknown) =>
			name in items[itemIndex] ? items[itemIndex][name] : fallback,
		getNode: () => ({ name: 'Suno Fetch', type, typeVersion: 1, position: [0, 0], parameters: {} }),
		isToolExecution: () => false,
	} as unknown as IExecuteFunctions;
}

/** The failure `read` throws: the package's one failure type, coded INVALID_PARAMETER. */
const failureOf = (read: () => unknown): SunoFailure => {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(SunoFailure);
		expect((error as SunoFailure).code).toBe('INVALID_PARAMETER');
		return error as SunoFailure;
	}
	throw new Error('expected a failure');
};

describe('run settings', () => {
	it('the fields’ defaults when nothing is set', () => {
		const settings = readRunSettings.call(contextOf([{}]), fields);
		expect(settings.fetch).toEqual({
			batchSize: 100,
			concurrency: 5,
			policy: { retries: 3, timeoutMs: 60_000 },
			wait: null,
			answerBy: null,
		});
		expect(settings.download).toEqual({
			kinds: [],
			properties: { audio: 'audio', image: 'image', imageLarge: 'imageLarge', video: 'video' },
			maxBytes: 500e6,
		});
		expect(settings.downloadsSkipped).toBe(false);
	});

	it('text from expressions, inside and outside Options, is read by each field’s type', () => {
		const settings = readRunSettings.call(
			contextOf([
				{
					waitForCompletion: 'true',
					pollInterval: '2',
					maxWait: '0.5',
					onTimeout: 'error',
					downloadFiles: 'audio, video',
					options: { batchSize: '2', retries: '0', timeout: '5', audioProperty: ' song ' },
				},
			]),
			fields,
		);
		expect(settings.fetch).toMatchObject({
			batchSize: 2,
			policy: { retries: 0, timeoutMs: 5000 },
			wait: { intervalMs: 2000, maxWaitMs: 30_000, onTimeout: 'error' },
		});
		expect(settings.download.kinds).toEqual(['audio', 'video']);
		expect(settings.download.properties.audio).toBe('song');
	});

	it('a value its field cannot take fails item 0, naming the field and what to fix', () => {
		const failure = failureOf(() =>
			readRunSettings.call(contextOf([{ options: { batchSize: '0' } }]), fields),
		);
		expect(failure.message).toBe('Batch Size must be from 1 to 100 (it is 0).');
		expect(failure.description).toBe('Fix the value in the node, or the expression that gives it.');
		expect(failure.itemIndex).toBe(0);
	});

	it('Options that are not an object are refused, not read as empty', () => {
		expect(
			failureOf(() => readRunSettings.call(contextOf([{ options: 'retries=0' }]), fields)).message,
		).toBe('Options must be an object, not "retries=0".');
	});

	it('two files put in one field are refused, naming both', () => {
		const failure = failureOf(() =>
			readRunSettings.call(
				contextOf([{ downloadFiles: ['audio', 'image'], options: { imageProperty: 'audio' } }]),
				fields,
			),
		);
		expect(failure.message).toBe('Put Audio in Field and Put Cover in Field are both "audio".');
	});

	it('as a tool: no downloads, and no request or Retry-After outlasts the Tool Time Limit', () => {
		const before = Date.now();
		const settings = readRunSettings.call(
			contextOf(
				[{ toolTimeLimit: '10', downloadFiles: ['audio'], options: { timeout: 600 } }],
				'n8n-nodes-suno-fetch.sunoFetchTool',
			),
			fields,
		);
		expect(settings.download.kinds).toEqual([]);
		expect(settings.downloadsSkipped).toBe(true);
		expect(settings.fetch.policy.timeoutMs).toBe(10_000);
		expect(settings.fetch.answerBy).toBeGreaterThanOrEqual(before + 10_000);
		expect(settings.fetch.answerBy).toBeLessThanOrEqual(Date.now() + 10_000);
		expect(settings.fetch.policy.deadline).toBe(settings.fetch.answerBy);
	});
});

describe('per item', () => {
	it('each item’s own values, and the failure names that item', () => {
		const context = contextOf([{ simplify: 'false' }, { options: { onMissing: 'skip' } }]);
		expect(readOutputOptions.call(context, fields, 0)).toEqual({
			simplify: false,
			onMissing: 'emit',
		});
		const failure = failureOf(() => readOutputOptions.call(context, fields, 1));
		expect(failure.message).toBe('On Missing Task must be one of "emit", "error", not "skip".');
		expect(failure.itemIndex).toBe(1);
	});

	it('the Options collection is read once per item, however many of its fields are read', () => {
		let reads = 0;
		const context = {
			...contextOf([{}]),
			getNodeParameter: (name: string) => {
				if (name === 'options') reads++;
				return name === 'options' ? { retries: 1, batchSize: 2 } : null;
			},
		} as unknown as IExecuteFunctions;
		const read = fieldReader(context, fields, 0);
		expect([read('retries'), read('batchSize'), read('concurrency')]).toEqual([1, 2, 5]);
		expect(reads).toBe(1);
	});
});
