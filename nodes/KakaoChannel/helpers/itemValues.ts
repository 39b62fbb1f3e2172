import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';

// `={{ $json.a.b }}` or `={{ $json["a"] }}`: plain reads of the item's own JSON.
const SIMPLE_JSON_PATH =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])+)\s*\}\}$/;
const PATH_SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

/** Splits the path of a simple `$json` expression into keys, or returns undefined. */
export function simpleJsonPath(expression: unknown): string[] | undefined {
	if (typeof expression !== 'string') return undefined;
	const match = SIMPLE_JSON_PATH.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(PATH_SEGMENT)].map(
		(segment) => segment[1] ?? segment[2] ?? segment[3],
	);
}

function readPath(json: unknown, path: string[]): unknown {
	let value = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function isExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(isExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(isExpression);
	return false;
}

/**
 * Reads a parameter for many items without paying n8n's expression engine per item where the
 * answer is known: a parameter with no expression is read once, and `{{ $json.field }}` is read
 * straight from the item. Anything else goes through getNodeParameter as usual.
 */
export class ItemValueReader {
	private readonly cache = new Map<string, { value: NodeParameterValueType | object }>();

	private readonly paths = new Map<string, string[] | null>();

	// getNode() deep-copies the node on every call: take the raw parameters once.
	private readonly parameters: INodeParameters;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {
		this.parameters = context.getNode().parameters;
	}

	/** The raw (unevaluated) value of a top-level parameter. */
	raw(name: string): unknown {
		return this.parameters[name];
	}

	/** A top-level parameter: constant ones are evaluated once, for the first item that asks. */
	get(name: string, itemIndex: number, fallback: unknown, extractValue = false): unknown {
		const raw = this.parameters[name];
		if (raw !== undefined && !isExpression(raw)) {
			const cached = this.cache.get(name);
			if (cached) return cached.value;
			const value = this.context.getNodeParameter(name, itemIndex, fallback, { extractValue });
			this.cache.set(name, { value });
			return value;
		}
		const direct = this.fromItem(name, raw, itemIndex);
		if (direct) return direct.value;
		return this.context.getNodeParameter(name, itemIndex, fallback, { extractValue });
	}

	/** A value nested in a parameter (such as a field of a fixed collection), by its raw value. */
	resolve(
		cacheKey: string,
		raw: unknown,
		parameterPath: string,
		itemIndex: number,
		fallback: unknown,
	): unknown {
		if (!isExpression(raw)) return raw;
		const direct = this.fromItem(cacheKey, raw, itemIndex);
		if (direct) return direct.value;
		return this.context.getNodeParameter(parameterPath, itemIndex, fallback);
	}

	private fromItem(
		cacheKey: string,
		raw: unknown,
		itemIndex: number,
	): { value: unknown } | undefined {
		let path = this.paths.get(cacheKey);
		if (path === undefined) {
			path = simpleJsonPath(raw) ?? null;
			this.paths.set(cacheKey, path);
		}
		if (path === null) return undefined;
		return { value: readPath(this.items[itemIndex]?.json, path) };
	}
}
