import { useKakaoEmulator } from '../support/emulator';
import { INBOUND_IPS, IP_LIST_UPDATED, OUTBOUND_IPS } from './system-ips';
import { adminAuth, call, expectKakaoError, restAuth } from './test-helpers';

const emu = useKakaoEmulator();
const IPS = '/v1/system/ips';

describe('GET /v1/system/ips, the address lists', () => {
	it.each([
		['no rule_type: both lists', {}, { inbound: INBOUND_IPS, outbound: OUTBOUND_IPS }],
		['rule_type=inbound', { rule_type: 'inbound' }, { inbound: INBOUND_IPS }],
		['rule_type=outbound', { rule_type: 'outbound' }, { outbound: OUTBOUND_IPS }],
	])('%s, with the date of the last change', async (_label, query, lists) => {
		for (const auth of [adminAuth(emu), restAuth(emu)]) {
			const r = await call(emu, 'GET', IPS, { auth, query });
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ ...lists, updatedDate: IP_LIST_UPDATED });
		}
	});

	it.each([['INBOUND'], ['callback'], [''], ['inbound,outbound']])(
		'refuses rule_type %p with -2, as Kakao refuses a bad parameter',
		async (ruleType) => {
			const r = await call(emu, 'GET', IPS, {
				auth: adminAuth(emu),
				query: { rule_type: ruleType },
			});
			expectKakaoError(r, 400, -2);
		},
	);

	it('still needs a key', async () => {
		expectKakaoError(await call(emu, 'GET', IPS, { query: { rule_type: 'inbound' } }), 401, -401);
	});

	it('has the documented shape: each service with CIDR ranges, ports and a date', () => {
		for (const entry of [...INBOUND_IPS, ...OUTBOUND_IPS]) {
			expect(Object.keys(entry)).toEqual(['service', 'ips', 'ports', 'updatedDate']);
			for (const ip of entry.ips) expect(ip).toMatch(/^[0-9a-f.:]+\/\d{1,3}$/);
			expect(entry.updatedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		// The emulator's webhook sender calls from loopback: it must be in the callback list.
		expect(INBOUND_IPS.find((e) => e.service === 'callback')?.ips).toContain('127.0.0.0/8');
	});
});
