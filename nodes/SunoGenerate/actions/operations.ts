/**
 * Suno Generate's operations: the one list to add one to. The node's option lists and subtitle,
 * the router, the engine fields' visibility and the extras table are derived from it; its order is
 * the subtitle's and the fields', not the editor's (options are listed by name).
 */
import type { GenerateDeclaration } from '../../shared/operation';
import { operation as concatenate } from './concatenate.operation';
import { operation as convertToWav } from './convertToWav.operation';
import { operation as cover } from './cover.operation';
import { operation as createPersona } from './createPersona.operation';
import { operation as extendMusic } from './extendMusic.operation';
import { operation as generateLyrics } from './generateLyrics.operation';
import { operation as generateMusic } from './generateMusic.operation';
import { operation as generateWithPersona } from './generateWithPersona.operation';
import { operation as renderMp4 } from './renderMp4.operation';
import { operation as separateStems } from './separateStems.operation';
import { operation as uploadAudio } from './uploadAudio.operation';

export const GENERATE_OPERATIONS: readonly GenerateDeclaration[] = [
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
];
