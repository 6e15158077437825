/**
 * Lyrics timing, start to end: every clip the items name asked for once (a few at a time), then
 * each item's clips as one item per clip, line or word, with subtitles. Read-only: a failed read is
 * retried as any fetch is. An unknown clip, an unfinished one or a gateway without the route each
 * get their own error, naming the clip.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asFailure } from '../failure';
import type { ExtraOperation } from '../model/extras';

import { settleEach } from '../helpers/async';
import { toLrc, toSrt, type Timing } from '../model/timing';
import { parameterFailure } from '../settings/read';
import type { Operation, Run } from './run';

export type TimingSplit = 'clip' | 'line' | 'word';

export interface TimingRequest {
	clipIds: string[];
	split: TimingSplit;
}

export interface TimingOperation {
	readTimingRequest(this: IExecuteFunctions, itemIndex: number): TimingRequest;
}

function itemsOf(clipId: string, timing: Timing, split: TimingSplit): IDataObject[] {
	const { words, lines } = timing;
	if (split === 'line') return lines.map((line) => ({ clipId, ...line }) as unknown as IDataObject);
	if (split === 'word')
		return words.map(
			(word, wordIndex) => ({ clipId, wordIndex, ...word }) as unknown as IDataObject,
		);
	return [
		{
			clipId,
			lyrics: lines.map((line) => line.text).join('\n'),
			startS: lines[0]?.startS ?? null,
			endS: lines[lines.length - 1]?.endS ?? null,
			lineCount: lines.length,
			wordCount: words.length,
			srt: toSrt(lines),
			lrc: toLrc(lines),
			lines: lines as unknown as IDataObject[],
			words: words as unknown as IDataObject[],
		},
	];
}

/** Lyrics timing as the run's operation: its items are all out once each clip is read. */
export function timingOperation(operation: TimingOperation, extra?: ExtraOperation): Operation {
	return {
		extra,
		prepare: async (context, run) => {
			await deliverTimings(context, run, operation);
			return null;
		},
	};
}

async function deliverTimings(
	context: IExecuteFunctions,
	run: Run,
	operation: TimingOperation,
): Promise<void> {
	const requests: Array<TimingRequest & { itemIndex: number }> = [];
	for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++) {
		try {
			requests.push({ itemIndex, ...operation.readTimingRequest.call(context, itemIndex) });
		} catch (error) {
			run.fail(itemIndex, parameterFailure(error, itemIndex));
		}
	}
	// Each clip asked for once, however many items name it.
	const clipIds = [...new Set(requests.flatMap((request) => request.clipIds))];
	const settled = await settleEach(clipIds, run.settings.fetch.concurrency, (clipId) =>
		run.client.timing(clipId),
	);
	const timings = new Map(clipIds.map((clipId, index) => [clipId, settled[index]]));

	// Clip ids as asked, masked as in Suno Fetch's items, should one hold the key.
	const { mask } = run.client;
	const silent: string[] = [];
	for (const { itemIndex, clipIds: asked, split } of requests) {
		for (const clipId of asked) {
			const outcome = timings.get(clipId)!;
			if (!outcome.ok) {
				run.fail(itemIndex, asFailure(outcome.error).with({ itemIndex }));
				continue;
			}
			if (outcome.value.words.length === 0) silent.push(mask(clipId));
			for (const json of itemsOf(mask(clipId), outcome.value, split))
				run.output[itemIndex].push({ json, pairedItem: { item: itemIndex } });
		}
	}
	if (silent.length > 0) {
		const clips = [...new Set(silent)];
		context.addExecutionHints({
			message: `Suno aligned no sung words for ${clips.length === 1 ? 'clip' : 'clips'} ${clips.join(', ')}: an instrumental, or lyrics Suno could not align.`,
			location: 'outputPane',
		});
	}
}
