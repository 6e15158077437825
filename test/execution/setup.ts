/** One local provider per test file, and a shortcut to run the node against it. */
import { EXTRA_OPERATIONS } from '../../nodes/shared/model/extras';
import { LocalSunoProvider, type ProviderOptions, type TaskSpec } from '../provider/provider';
import { runSunoFetch, type RunOptions, type RunResult } from '../harness/workflow-runner';

export function useProvider(options: ProviderOptions = {}) {
	const context = {
		provider: undefined as unknown as LocalSunoProvider,
		run(parameters: RunOptions['parameters'], extra: Partial<RunOptions> = {}): Promise<RunResult> {
			return runSunoFetch({
				parameters,
				credentials: {
					apiKey: context.provider.apiKey,
					provider: 'custom',
					baseUrl: context.provider.url,
				},
				...extra,
			});
		},
		/** The submits (paid POSTs) that reached the provider, refused ones included. */
		submitPosts() {
			return context.provider.log.filter((entry) => entry.path.startsWith('/suno/submit/'));
		},
		/** Run options whose credential (Custom) offers `extras`, by default every extra operation. */
		offering(extras: unknown = Object.keys(EXTRA_OPERATIONS)): Partial<RunOptions> {
			return {
				credentials: {
					apiKey: context.provider.apiKey,
					provider: 'custom',
					baseUrl: context.provider.url,
					extraOperations: extras as string[],
				},
			};
		},
		/** A finished song of two clips, made on the provider: its task id and clip ids. */
		finishedSong(spec: TaskSpec = {}) {
			const taskId = context.provider.createTask({ finishAfter: 0, title: 'Neon Nights', ...spec });
			const { live } = context.provider.tasks.get(taskId) as { live: { clipIds: string[] } };
			return { taskId, clipIds: live.clipIds };
		},
		/** Runs Suno Generate instead. */
		generate(parameters: RunOptions['parameters'], extra: Partial<RunOptions> = {}) {
			return context.run(parameters, { node: 'generate', ...extra });
		},
	};
	beforeAll(async () => {
		context.provider = await new LocalSunoProvider(options).start();
	});
	afterEach(() => context.provider.reset());
	afterAll(async () => context.provider.stop());
	return context;
}

export const jsonOf = (result: RunResult) => result.items.map((item) => item.json);
