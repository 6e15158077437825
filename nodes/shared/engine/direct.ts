/**
 * A paid answer that is the result itself (a persona, a clip's WAV or MP4), as its item: the
 * result's fields and, with Download Files, the file, downloaded plain or taken from the answer.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { MIME_TYPES } from '../model/files';
import type { Submitted } from '../transport/submit';
import { describedWith, withDescription } from './emit';
import type { Run } from './run';

/** The file's kind among Download Files' binary properties: a WAV is audio, an MP4 is video. */
const KIND_OF = { wav: 'audio', mp4: 'video' } as const;

export async function directItem(
	context: IExecuteFunctions,
	run: Run,
	itemIndex: number,
	answer: Submitted,
): Promise<INodeExecutionData> {
	const json: IDataObject = { ...answer.result, submittedAt: answer.submittedAt };
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	const { file } = answer;
	const type = json.fileType as keyof typeof KIND_OF | undefined;
	const { download } = run.settings;
	if (!file || type === undefined || download.kinds.length === 0) return item;

	const name = `suno-${
		String(json.clipId)
			.replace(/[^\w-]/g, '')
			.slice(0, 36) || 'clip'
	}.${type}`;
	const property = download.properties[KIND_OF[type]];
	let binary: IBinaryData;
	if ('bytes' in file) {
		if (file.bytes.length > download.maxBytes) {
			throw new NodeOperationError(
				context.getNode(),
				`The ${type.toUpperCase()} of clip ${String(json.clipId)} is ${file.bytes.length} bytes, more than Max File Size.`,
				{
					itemIndex,
					description: 'Raise Max File Size (MB) in the options, or turn off Download Files.',
				},
			);
		}
		binary = await context.helpers.prepareBinaryData(file.bytes, name, file.mimeType);
	} else {
		const label = `${type.toUpperCase()} file`;
		binary = await run.client
			.download(file.url, { itemIndex, label, maxBytes: download.maxBytes }, (body, contentType) =>
				context.helpers.prepareBinaryData(
					body as unknown as Buffer,
					name,
					contentType && !/octet-stream/.test(contentType) ? contentType : MIME_TYPES[type],
				),
			)
			.catch((error: Error) => {
				// Paid for: the error keeps where the file is, to download it later.
				const where = `The ${type.toUpperCase()} is at ${file.url}.`;
				throw withDescription(context, error, describedWith(error, where), itemIndex);
			});
	}
	item.binary = { [property]: binary };
	return item;
}
