/** One local provider per test file, and a shortcut to run the node against it. */
import { LocalSunoProvider, type ProviderOptions } from '../provider/provider';
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
