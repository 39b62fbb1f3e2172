// Runs workflows through n8n-core's real WorkflowExecute with our node and credential types.
// Only the credential store is ours (n8n's lives in its CLI and database). No jest here: the
// engine tests and the benchmark (scripts/bench/actions.ts) both run the node through it.
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';
import { KakaoChannelOAuth2Api } from '../../credentials/KakaoChannelOAuth2Api.credentials';
import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';

type Credentials = Record<string, ICredentialDataDecryptedObject>;
const inputs = new Map<string, INodeExecutionData[]>();
let inputCounter = 0;

/** A start node that emits the items a test hands it (by key), as a real upstream node would. */
const testSource: INodeType = {
	description: {
		displayName: 'Test Source',
		name: 'testSource',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Source' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Key', name: 'key', type: 'string', default: '' }],
	} as unknown as INodeType['description'],
	async execute(this: IExecuteFunctions) {
		return [inputs.get(this.getNodeParameter('key', 0) as string) ?? []];
	},
};

const nodeTypeMap: Record<string, INodeType> = {
	'n8n-nodes-kakao-channel.kakaoChannel': new KakaoChannel(),
	'test.source': testSource,
};

export const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeMap[type],
	getByNameAndVersion: (type: string) => nodeTypeMap[type],
	getKnownTypes: () => ({}),
};
/** What every test workflow shares: inactive, with our node types. */
const inactive = { active: false, nodeTypes };

const credentialTypes: Record<string, ICredentialType> = {
	kakaoChannelApi: new KakaoChannelApi(),
	kakaoChannelOAuth2Api: new KakaoChannelOAuth2Api(),
};

/** The run's credential store: the data given, signed as each credential type signs. */
export class TestCredentialsHelper implements Partial<ICredentialsHelper> {
	constructor(readonly store: Credentials) {}
	getParentTypes = (name: string) => (credentialTypes[name]?.extends ?? []) as string[];
	isCredentialUsableByNode = () => true;
	preAuthentication = async (): Promise<undefined> => undefined;
	runPreAuthentication = this.preAuthentication;
	getCredentialsProperties = (type: string) => credentialTypes[type]?.properties ?? [];
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		return requestOptions;
	}
	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.store[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		return structuredClone(data);
	}
	async updateCredentials(_node: unknown, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = data;
	}
	updateCredentialsOauthTokenData = this.updateCredentials;
}

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[];
	credentials: Credentials;
	continueOnFail?: boolean;
	/** Cancels the execution (as the editor's Stop button does) after this many ms. */
	cancelAfterMs?: number;
}

export interface RunResult {
	run: IRun;
	/** Items the Kakao Channel node output, or undefined if it failed. */
	output?: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
}

const notUsed = async () => {
	throw new Error('not used');
};

/** What n8n hands a node's context besides the workflow: our credential store, the instance's URLs. */
export function additionalDataFor(
	credentials: Credentials,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: notUsed,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notUsed,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** The Kakao Channel node with these parameters, using a credential of each type given. */
function kakaoNode(parameters: IDataObject, credentials: Credentials): INode {
	return {
		id: 'kakao',
		name: 'Kakao Channel',
		type: 'n8n-nodes-kakao-channel.kakaoChannel',
		typeVersion: 1,
		position: [200, 0],
		parameters: parameters as INode['parameters'],
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: type }]),
		),
	};
}

/** Runs Source -> Kakao Channel in n8n's engine and returns what the Kakao node produced. */
export async function runKakaoNode(options: RunOptions): Promise<RunResult> {
	const key = `input-${++inputCounter}`;
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	inputs.set(key, items);
	const node = kakaoNode(options.parameters, options.credentials);
	if (options.continueOnFail) node.onError = 'continueRegularOutput';
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [
			{
				id: 'source',
				name: 'Source',
				type: 'test.source',
				typeVersion: 1,
				position: [0, 0],
				parameters: { key },
			},
			node,
		],
		connections: { Source: { main: [[{ node: 'Kakao Channel', type: 'main', index: 0 }]] } },
		...inactive,
	});
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	// n8n-core never reads the hooks' workflow data (n8n's CLI does).
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-run', {} as never);
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));
	const additionalData = additionalDataFor(options.credentials, hooks);
	const execution = new WorkflowExecute(additionalData, 'manual');
	const running = execution.run({ workflow, startNode: workflow.getNode('Source')! });
	if (options.cancelAfterMs === undefined) await running;
	else {
		// A cancelled run's promise never settles; the after-hook still reports the run.
		const timer = setTimeout(() => running.cancel(), options.cancelAfterMs);
		await finished;
		clearTimeout(timer);
	}
	const run = await finished;
	inputs.delete(key);
	const taskData = run.data.resultData.runData['Kakao Channel']?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { run, output: taskData?.data?.main?.[0] ?? undefined, error };
}

/** Runs `fn` in n8n-core's LoadOptionsContext for the Kakao node, as the editor's pickers run. */
export async function withLoadOptionsContext<T>(
	parameters: IDataObject,
	credentials: Credentials,
	fn: (context: ILoadOptionsFunctions) => Promise<T>,
): Promise<T> {
	const node = kakaoNode(parameters, credentials);
	const workflow = new Workflow({ id: 'picker-test', nodes: [node], connections: {}, ...inactive });
	// The editor sends the node's current parameters with each picker request.
	const additionalData = {
		...additionalDataFor(credentials),
		currentNodeParameters: parameters as INode['parameters'],
	};
	return await fn(new LoadOptionsContext(workflow, node, additionalData, 'parameters.fileId'));
}
