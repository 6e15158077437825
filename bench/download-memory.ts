/**
 * One download in a process of its own, so its peak memory is its own:
 *   node download-memory.js <filesystem|memory> <providerUrl> <apiKey> <taskId>
 * Prints {mode, baselineMb, peakMb, ms, bytes} as JSON.
 */
import { runSunoFetch, useFilesystemBinaryMode } from '../test/harness/workflow-runner';

async function main() {
	const [mode, baseUrl, apiKey, taskId] = process.argv.slice(2);
	if (mode === 'filesystem') await useFilesystemBinaryMode();
	const credentials = { apiKey, provider: 'custom', baseUrl };
	// Load everything n8n needs once, so that the baseline is a warm process.
	await runSunoFetch({ parameters: { operation: 'get', taskId }, credentials });
	const baselineMb = process.resourceUsage().maxRSS / 1024;
	const started = performance.now();
	const result = await runSunoFetch({
		parameters: { operation: 'get', taskId, downloadFiles: ['audio'] },
		credentials,
	});
	const ms = performance.now() - started;
	if (result.status !== 'success') throw new Error(result.error?.message);
	const peakMb = process.resourceUsage().maxRSS / 1024;
	const bytes = result.items[0].binary?.audio.bytes;
	console.log(JSON.stringify({ mode, baselineMb, peakMb, ms, bytes }));
}

void main();
