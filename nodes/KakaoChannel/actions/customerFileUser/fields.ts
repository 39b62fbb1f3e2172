import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemValueReader } from '../../helpers/itemValues';
import { toFieldValue } from '../../helpers/schema';

type Pair = { name?: unknown; value?: unknown };

/** Reads the Fields collection of an item as Kakao's `field` object. */
export function readFields(
	this: IExecuteFunctions,
	itemIndex: number,
	reader: ItemValueReader,
): IDataObject {
	const fields = reader.raw('fields') as { field?: Pair[] } | string | undefined;
	if (typeof fields === 'string') {
		// The whole collection is an expression: let n8n evaluate it for this item.
		const evaluated =
			((this.getNodeParameter('fields', itemIndex, {}) as { field?: Pair[] }) ?? {}).field ?? [];
		return toFieldObject.call(this, evaluated, itemIndex, (_k, value) => value);
	}
	const pairs = fields?.field ?? [];
	return toFieldObject.call(this, pairs, itemIndex, (k, value, part) =>
		reader.resolve(`field.${k}.${part}`, value, `fields.field[${k}].${part}`, itemIndex, ''),
	);
}

function toFieldObject(
	this: IExecuteFunctions,
	pairs: Pair[],
	itemIndex: number,
	resolve: (k: number, raw: unknown, part: 'name' | 'value') => unknown,
): IDataObject {
	// No prototype: a field named __proto__ or constructor is sent like any other.
	const field: IDataObject = Object.create(null);
	for (let k = 0; k < pairs.length; k++) {
		const name = resolve(k, pairs[k].name, 'name');
		const value = resolve(k, pairs[k].value, 'value');
		const key = String(name ?? '').trim();
		if (!key) {
			throw new NodeOperationError(
				this.getNode(),
				`A field of item ${itemIndex} has an empty name`,
				{
					itemIndex,
					description: 'Give every field the schema key it fills, such as 연령.',
				},
			);
		}
		const read = toFieldValue(value);
		if ('problem' in read) {
			throw new NodeOperationError(
				this.getNode(),
				`Field "${key}" of item ${itemIndex}: ${read.problem}`,
				{
					itemIndex,
					description:
						'Kakao takes field values as numbers, and a number is sent exactly only up to 15 significant digits (whole numbers up to 9007199254740991). Send the value with fewer digits; it is not sent rounded.',
				},
			);
		}
		field[key] = read.value;
	}
	return field;
}
