import { triggerOptions } from '../../../../nodes/KakaoChannelTrigger/webhook/options';

const optionFields = triggerOptions.options as Array<{
	name: string;
	type: string;
	default: unknown;
}>;

describe('the Options collection', () => {
	it('offers the five options in the order n8n lists them, each off until added', () => {
		expect(optionFields.map((field) => [field.name, field.type])).toEqual([
			['channelIds', 'string'],
			['ignoreOlderThan', 'number'],
			['includeDeliveryHeaders', 'boolean'],
			['includeOtherFields', 'boolean'],
			['onlyKakaoServers', 'boolean'],
		]);
		for (const name of ['includeDeliveryHeaders', 'includeOtherFields', 'onlyKakaoServers']) {
			expect(optionFields.find((field) => field.name === name)?.default).toBe(false);
		}
	});
});
