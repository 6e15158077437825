/**
 * The credential as the editor shows it: for each provider, the Extra Operations Offered list
 * offers only what is not on already, and says quietly which are.
 */
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { SunoApi } from '../../../credentials/SunoApi.credentials';
import { documentedAt, EXTRA_OPERATIONS } from '../../../nodes/shared/model/extras';

const { properties } = new SunoApi();
const PROVIDERS = properties.find(({ name }) => name === 'provider')?.options ?? [];
const EVERY_EXTRA = Object.keys(EXTRA_OPERATIONS).sort();

/** The fields the editor shows with `provider` chosen. */
const shownWith = (provider: string): INodeProperties[] =>
	properties.filter((field) =>
		NodeHelpers.displayParameter({ provider } as INodeParameters, field, null, null),
	);

const valuesOf = (field: INodeProperties) =>
	(field.options ?? []).map((option) => ('value' in option ? String(option.value) : '')).sort();

describe.each(PROVIDERS.map((option) => ['value' in option ? String(option.value) : '']))(
	'provider %s',
	(provider) => {
		const lists = shownWith(provider).filter(({ name }) => name === 'extraOperations');
		const documented = provider === 'custom' ? [] : documentedAt(provider);

		it('shows one Extra Operations Offered list, without what its provider documents', () => {
			expect(lists).toHaveLength(1);
			const offered = valuesOf(lists[0]);
			const on = EVERY_EXTRA.filter((key) => documented.includes(EXTRA_OPERATIONS[key].name));
			expect(offered).toEqual(EVERY_EXTRA.filter((key) => !on.includes(key)));
		});

		it('names what is already on in a hint, and shows no notice', () => {
			expect(shownWith(provider).filter(({ type }) => type === 'notice')).toEqual([]);
			if (documented.length === 0) return expect(lists[0].hint).toBeUndefined();
			for (const name of documented) expect(lists[0].hint).toContain(name);
		});
	},
);

it('offers the presets first and Custom last', () => {
	expect(PROVIDERS.map(({ name }) => name)).toEqual(['CometAPI', 'ElkAPI', 'gpt.ge', 'Custom']);
});
