/**
 * What a hostile user, gateway or AI client gives the nodes, each case once found to go wrong: the
 * key in an item's own values (Extra Body Fields, any field), bodies far larger than a message can
 * quote, a key spelled as Go folds it, and a paid answer nested deeper than the call stack.
 */
import { jsonOf, useProvider } from './setup';

const KEY = 'sk-HOSTILE-9d2e7c4b1a6f3e8d5c0b';
const ctx = useProvider({ apiKey: KEY });

const song = { operation: 'generateMusic', songDescription: 'a song about the sea' };
const submitOnly = { ...song, waitForCompletion: false };

it('a paid answer nested deeper than the call stack still gives its task ID, sent once', async () => {
	const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
	ctx.provider.setRoute('POST', '/suno/submit/music', {
		status: 200,
		headers: { 'content-type': 'application/json' },
		body: `{"code": "success", "message": "", "data": "task_deep_1", "trace": ${deep}}`,
	});
	const result = await ctx.generate(submitOnly);
	expect(result.status).toBe('success');
	expect(jsonOf(result)).toEqual([expect.objectContaining({ taskId: 'task_deep_1' })]);
	expect(ctx.submitPosts()).toHaveLength(1);
});
