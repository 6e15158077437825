/** "Create Persona": a clip's voice and style saved as a persona, for Generate Song With Persona. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { ParameterError, readField } from '../../shared/settings/parameters';
import { clipIdField, readOneId } from './clipFields';
import { readText } from './songFields';

const rootClipField = clipIdField(
	'The clip whose voice and style the persona keeps: a clip made with this API key (not an uploaded one)',
);

const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'personaName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Midnight Crooner',
	description: 'What the persona is called in Suno',
};

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'personaDescription',
	type: 'string',
	default: '',
	placeholder: 'e.g. warm baritone, late-night jazz',
	description: 'A note on the voice and style, for you (Suno shows it with the persona)',
};

const publicField: INodeProperties = {
	displayName: 'Public',
	name: 'isPublic',
	type: 'boolean',
	default: false,
	description: 'Whether other Suno users may see and use the persona',
};

const properties: INodeProperties[] = [rootClipField, nameField, descriptionField, publicField];

export const operation: GenerateDeclaration = {
	value: 'createPersona',
	resource: 'persona',
	name: 'Create Persona',
	isDefault: true,
	description:
		'Save a clip’s voice and style as a persona (paid; only where the gateway offers it)',
	forAgents:
		"Create a persona from a clip's voice and style (paid, where the gateway offers it): returns the persona ID for songs with that persona",
	properties,
	makes: 'persona',
	sendsBody: true,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const rootClipId = readOneId(this, rootClipField, itemIndex);
	const name = readText(this, nameField, itemIndex);
	if (name === '') throw new ParameterError('Name is empty: give the persona a name.');
	return {
		action: 'MUSIC',
		call: {
			route: 'persona',
			body: {
				root_clip_id: rootClipId,
				name,
				description: readText(this, descriptionField, itemIndex),
				clips: [rootClipId],
				is_public: readField(
					publicField,
					this.getNodeParameter('isPublic', itemIndex, null),
				) as boolean,
			},
		},
	};
}
