import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The base URL the node and the credential test call: a preset, or the custom URL without its
 * trailing slashes. Kept as one expression so the test request and the node agree.
 */
const BASE_URL_EXPRESSION =
	'={{ ($credentials.provider === "custom" ? $credentials.baseUrl : $credentials.provider).replace(/\\/+$/, "") }}';

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
				{ name: 'Gpt.ge', value: 'https://api.gpt.ge' },
			],
			default: 'https://api.cometapi.com',
			description: 'The aggregator that sells you Suno access. Choose Custom for any other new-api or one-hub gateway.',
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
				'The gateway address without a path, the part before /suno/fetch (a trailing slash is fine)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// An empty batch passes the gateway's key check and creates nothing; it answers `data: []`.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/suno/fetch',
			method: 'POST',
			body: { ids: [] },
			json: true,
		},
	};
}
