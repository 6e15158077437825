/**
 * A paid answer that is the result itself (a persona, a clip's WAV or MP4), as its item: the
 * result's fields and, with Download Files, the file, downloaded plain or taken from the answer.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asFailure, SunoFailure } from '../failure';
import { MIME_TYPES } from '../model/files';
import type { Submitted } from '../transport/submit';
import type { Run } from './run';

/** The file's kind among Download Files' binary properties: a WAV is audio, an MP4 is video. */
const KIND_OF = { wav: 'audio', mp4: 'video' } as const;
/** The types a server may send each as (or none it names). */
const FILE_TYPES = {
	wav: /^(audio\/(wav|wave|x-wav|vnd\.wave)|application\/octet-stream)$/i,
	mp4: /^(video\/mp4|application\/mp4|application\/octet-stream)$/i,
};

type FileType = keyof typeof KIND_OF;

export async function directItem(
	context: IExecuteFunctions,
	run: Run,
	itemIndex: number,
	answer: Submitted,
): Promise<INodeExecutionData> {
	const json: IDataObject = { ...answer.result, submittedAt: answer.submittedAt };
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	const { file } = answer;
	const type = json.fileType as FileType | undefined;
	const { download } = run.settings;
	// Download Files: Audio takes the WAV, Video the MP4. Bytes in the answer are the paid file
	// itself: kept whatever Download Files says.
	const wanted = type !== undefined && download.kinds.includes(KIND_OF[type]);
	if (!file || type === undefined || (!wanted && !('bytes' in file))) return item;

	const clipName =
		String(json.clipId)
			.replace(/[^\w-]/g, '')
			.slice(0, 36) || 'clip';
	const name = `suno-${clipName}.${type}`;
	const binary =
		'bytes' in file
			? await keptFile(context, run, { itemIndex, json, type, name }, file)
			: await downloadedFile(context, run, { itemIndex, json, type, name }, file.url);
	item.binary = { [download.properties[KIND_OF[type]]]: binary };
	return item;
}

interface FileOf {
	itemIndex: number;
	json: IDataObject;
	type: FileType;
	name: string;
}

/** The file's bytes that came in the answer itself, within Max File Size. */
async function keptFile(
	context: IExecuteFunctions,
	run: Run,
	{ itemIndex, json, type, name }: FileOf,
	file: { bytes: Buffer; mimeType: string },
): Promise<IBinaryData> {
	if (file.bytes.length > run.settings.download.maxBytes) {
		throw new SunoFailure(
			`The ${type.toUpperCase()} of clip ${String(json.clipId)} is ${file.bytes.length} bytes, more than Max File Size.`,
			{
				code: 'FILE_TOO_LARGE',
				itemIndex,
				description:
					'The provider made it and may charge for it, but it came in the answer itself and was not kept. Raise Max File Size (MB) in the options before you ask for it again.',
			},
		);
	}
	return await context.helpers.prepareBinaryData(file.bytes, name, file.mimeType);
}

/** The file downloaded from where the answer says it is, if it is the kind of file it should be. */
async function downloadedFile(
	context: IExecuteFunctions,
	run: Run,
	{ itemIndex, json, type, name }: FileOf,
	url: string,
): Promise<IBinaryData> {
	const label = `${type.toUpperCase()} file`;
	const maxBytes = run.settings.download.maxBytes;
	const binary = await run.client
		.download(url, { itemIndex, label, maxBytes }, (body, contentType) =>
			context.helpers.prepareBinaryData(
				body as unknown as Buffer,
				name,
				contentType && !/octet-stream/.test(contentType) ? contentType : MIME_TYPES[type],
			),
		)
		.catch((error: Error) => {
			// Paid for: the error keeps where the file is, to download it later.
			const where = `The ${type.toUpperCase()} is at ${String(json.fileUrl)}.`;
			throw asFailure(error, 'DOWNLOAD_FAILED').noting(where).with({ itemIndex });
		});
	if (!FILE_TYPES[type].test(binary.mimeType)) {
		throw new SunoFailure(
			`The file the provider gave for the ${type.toUpperCase()} of clip ${String(json.clipId)} is ${binary.mimeType}, not a ${type.toUpperCase()}.`,
			{
				code: 'DOWNLOAD_FAILED',
				itemIndex,
				description: `It is at ${String(json.fileUrl)}; it was not passed on as the ${type.toUpperCase()}.`,
			},
		);
	}
	return binary;
}
