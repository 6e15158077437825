/**
 * The Suno API credential only declares: its fields (the presets and the Extra Operations Offered
 * list come from nodes/shared/settings), the authentication and the Test request. The base-URL
 * rule it applies lives in the shared code, used by the nodes' client too.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { extraOperationsFields } from '../nodes/shared/settings/extraOperations';
import { gatewayBaseUrl, PRESETS } from '../nodes/shared/settings/baseUrl';

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
				// The presets, then Custom for any other gateway.
				...PRESETS.map(({ name, url }) => ({ name, value: url })),
				{ name: 'Custom', value: 'custom' },
			],
			default: PRESETS[0].url,
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
		...extraOperationsFields,
	];

	/**
	 * The key goes only to the gateway: every request (the node's and the credential test's alike)
	 * is sent to the base URL the one rule in settings/baseUrl.ts gives, with the key as a bearer
	 * token.
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
