import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { documentedAt, EXTRA_OPERATIONS, PRESETS_WITH_EXTRAS } from '../nodes/shared/model/extras';
import { gatewayBaseUrl } from '../nodes/shared/settings/baseUrl';

export class SunoApi implements ICredentialType {
	name = 'sunoApi';

	displayName = 'Suno API';

	icon: Icon = { light: 'file:suno.svg', dark: 'file:suno.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-suno-fetch/n8n-nodes-suno-fetch#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The bearer key the provider issued you (often starts with sk-)',
		},
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			options: [
				{ name: 'CometAPI', value: 'https://api.cometapi.com' },
				{ name: 'Custom', value: 'custom' },
				{ name: 'ElkAPI', value: 'https://api.elkapi.com' },
				{ name: 'gpt.ge', value: 'https://api.gpt.ge' },
			],
			default: 'https://api.cometapi.com',
			description:
				'The aggregator that sells you Suno access. Choose Custom for any other new-api or one-hub gateway.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.com',
			required: true,
			displayOptions: { show: { provider: ['custom'] } },
			description:
				'The gateway address, the part before /suno/fetch: https://api.example.com, or with the path prefix the gateway is mounted under. Not /v1.',
		},
		// What each preset documents, said where the list below would look empty.
		...PRESETS_WITH_EXTRAS.map(
			(url): INodeProperties => ({
				displayName: `This provider documents ${documentedAt(url).join(', ')}: they are on without ticking them below.`,
				name: `extrasNotice${new URL(url).host.split('.')[1]}`,
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: [url] } },
			}),
		),
		{
			displayName: 'Extra Operations Offered',
			name: 'extraOperations',
			type: 'multiOptions',
			options: Object.entries(EXTRA_OPERATIONS).map(([value, { name }]) => ({ name, value })),
			default: [],
			description:
				'Suno operations beyond songs, lyrics and fetching that this gateway runs, on top of those its provider documents. Tick only what your provider documents: a gateway without an operation can bill an ordinary song instead.',
		},
	];

	/**
	 * The key goes only to the gateway: every request is sent to the base URL the one rule (settings/baseUrl.ts) gives
	 * (the node's and the credential test's alike), with the key as a bearer token.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			baseURL: gatewayBaseUrl(credentials),
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
			},
		};
	}

	// An empty batch passes the gateway's key check and creates nothing; it answers `data: []`.
	test: ICredentialTestRequest = {
		request: {
			url: '/suno/fetch',
			method: 'POST',
			body: { ids: [] },
			json: true,
			disableFollowRedirect: true,
		},
		// n8n's type wants one kind of rule per list; its credential tester reads each rule by its type.
		rules: [
			{
				// A web page (new-api's dashboard answers 200 on paths it does not know) or an error
				// without the gateway's envelope: the address is not the gateway's Suno route.
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined,
					message:
						'The Base URL answered, but not as a Suno gateway does (no {"code": …} envelope): check the Base URL and its path prefix.',
				},
			},
			...[401, 403].map((code) => ({
				type: 'responseCode' as const,
				properties: {
					value: code,
					message: `The provider rejected the API key (HTTP ${code}): check the API key, and that the Base URL is the provider that issued it.`,
				},
			})),
			...[301, 302, 303, 307, 308].map((code) => ({
				type: 'responseCode' as const,
				properties: {
					value: code,
					message: `The Base URL answered with a redirect (HTTP ${code}), which was not followed: the API key is only ever sent to the Base URL. Enter the gateway's real address.`,
				},
			})),
			{
				type: 'responseCode' as const,
				properties: {
					value: 404,
					message:
						'The Base URL answered HTTP 404 for /suno/fetch: the Base URL or its path prefix looks wrong.',
				},
			},
		] as ICredentialTestRequest['rules'],
	};
}
