/** Dispatches to the chosen operation; the shared engine does the rest. */
import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { generateOperation, type GenerateOperation } from '../../shared/engine/generate';
import { messages } from '../../shared/engine/messages';
import { runOperation } from '../../shared/engine/run';
import { engineFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import * as concatenate from './concatenate.operation';
import * as convertToWav from './convertToWav.operation';
import * as cover from './cover.operation';
import * as createPersona from './createPersona.operation';
import * as extendMusic from './extendMusic.operation';
import * as generateLyrics from './generateLyrics.operation';
import * as generateMusic from './generateMusic.operation';
import * as generateWithPersona from './generateWithPersona.operation';
import * as renderMp4 from './renderMp4.operation';
import * as separateStems from './separateStems.operation';
import * as uploadAudio from './uploadAudio.operation';

export const operations: Record<string, GenerateOperation & { description: INodeProperties[] }> = {
	generateMusic,
	extendMusic,
	generateLyrics,
	concatenate,
	separateStems,
	uploadAudio,
	cover,
	generateWithPersona,
	createPersona,
	convertToWav,
	renderMp4,
};
const fields = fieldSet(engineFields('generate'));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operations[name];
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	return await runOperation(this, fields, generateOperation(operation));
}
