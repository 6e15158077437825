/**
 * What the editor tells a new user before a paid run (#24): n8n's Retry On Fail repeats a paid
 * submit, and the run says so; the node's own Retries never does.
 */
import { messages } from '../../nodes/shared/engine/messages';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const hintsOf = (result: { hints: Array<{ message: string }> }) =>
	result.hints.map((hint) => hint.message);

describe('Retry On Fail on a paid operation', () => {
	it('a successful run with Retry On Fail says that a failed run would submit and pay again', async () => {
		const result = await ctx.generate(
			{ operation: 'generateMusic', songDescription: 'x', pollInterval: 1 },
			{ retryOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(hintsOf(result)).toContain(messages.retryOnFailPays);
		expect(messages.retryOnFailPays).toMatch(/submits every item again and pays again/);
	});

	it('a failed paid run is submitted again by n8n, once per try: what the hint warns of', async () => {
		// Each try: the submit is taken, then its status poll refused: n8n's retry runs the node again.
		for (let i = 0; i < 3; i++) {
			ctx.provider.injectFault({ pass: true });
			ctx.provider.injectFault({ status: 401 });
		}
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: 'x',
				pollInterval: 1,
				options: { retries: 0 },
			},
			{ retryOnFail: true },
		);
		expect(result.status).toBe('error');
		expect(ctx.provider.submits.length).toBe(3);
	}, 30000);

	it('no hint without Retry On Fail, nor for a request that submits nothing new (Convert to WAV)', async () => {
		const plain = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'x',
			pollInterval: 1,
		});
		expect(jsonOf(plain)).toHaveLength(2);
		expect(hintsOf(plain)).not.toContain(messages.retryOnFailPays);
		const { clipIds } = ctx.finishedSong();
		const wav = await ctx.generate(
			{ resource: 'clipFile', operation: 'convertToWav', clipId: clipIds[0], downloadFiles: [] },
			{ ...ctx.offering(), retryOnFail: true },
		);
		expect(wav.status).toBe('success');
		expect(hintsOf(wav)).not.toContain(messages.retryOnFailPays);
	});
});
