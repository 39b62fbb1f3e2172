/** Where every key of the credential goes unless its Base URL says otherwise. */
export const KAKAO_API_ORIGIN = 'https://kapi.kakao.com';

/** What a Base URL may be, in the words every refusal ends with. */
export const BASE_URL_RULE =
	'Give only the scheme and host, with a port if needed, such as https://kapi.kakao.com. https:// is required; http:// is accepted only for a test server on this machine (localhost, 127.0.0.1 or [::1]).';

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The one Base URL rule of the package (the action node, the trigger and the credential test):
 * an origin only. A path, query or fragment would let the key-bearing request be aimed at any
 * URL of any host, and plain http would send the keys readable to everyone on the way, so only
 * a scheme, a host and a port pass. Returns the origin, or why the text is refused.
 */
export function checkBaseUrl(raw: unknown): { origin: string } | { error: string } {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') return { origin: KAKAO_API_ORIGIN };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return refuse(text, 'is not a URL');
	}
	const problem = problemOf(url, text);
	return problem ? refuse(text, problem) : { origin: url.origin };
}

function problemOf(url: URL, text: string): string | undefined {
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return `uses the scheme ${url.protocol.slice(0, -1)}, not https`;
	if (url.username || url.password) return 'holds a user name or password';
	if (url.pathname !== '/') return `has a path (${url.pathname})`;
	// URL drops an empty "?" or "#", so the text itself is checked too.
	if (url.search || text.includes('?')) return 'has a query (?...)';
	if (url.hash || text.includes('#')) return 'has a fragment (#...)';
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname))
		return 'uses http:// for a host other than this machine, which would send the keys unencrypted';
	return undefined;
}

function refuse(text: string, problem: string): { error: string } {
	// A user name or password typed into the URL is never repeated back, however it is spelled
	// (https://user:pw@host, https:user:pw@host, https:\\user:pw@host): all before the last @ goes.
	const at = text.lastIndexOf('@');
	const scheme = /^[a-z][\w+.-]*:/i.exec(text)?.[0] ?? '';
	const shown = at < 0 ? text : `${scheme}…@${text.slice(at + 1)}`;
	return { error: `Base URL "${shown}" ${problem}. ${BASE_URL_RULE}` };
}
