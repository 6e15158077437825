/**
 * Suno Fetch's operations: the one list to add one to. The node's option list and subtitle, the
 * router, the engine fields' visibility and the extras table are derived from it; its order is the
 * subtitle's and the fields', not the editor's (options are listed by name).
 */
import type { FetchDeclaration } from '../../shared/operation';
import { operation as get } from './get.operation';
import { operation as getLyricsTiming } from './getLyricsTiming.operation';
import { operation as getMany } from './getMany.operation';

export const FETCH_OPERATIONS: readonly FetchDeclaration[] = [get, getMany, getLyricsTiming];
