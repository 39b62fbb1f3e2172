/**
 * Settles with `request`, or rejects when `signal` fires first. The request itself is also given
 * the signal by the caller; this makes sure the caller stops waiting at the deadline even where
 * the HTTP client does not listen. A later answer is handed to `onLate` (to close it unread).
 */
export async function untilAborted<T>(
	request: Promise<T>,
	signal: AbortSignal,
	onLate?: (late: T) => void,
): Promise<T> {
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(new Error('The request reached its deadline'));
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([request, aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
		// After the deadline, an answer is closed and a failure needs no report: the caller has already reported the deadline.
		if (signal.aborted && onLate) request.then(onLate, () => undefined);
	}
}
