/** Input item indexes as short ranges: [0, 1, 2, 5] -> "0-2, 5". */
export function describeItems(indexes: number[]): string {
	const sorted = [...new Set(indexes)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let k = 0; k < sorted.length; k++) {
		const start = sorted[k];
		while (k + 1 < sorted.length && sorted[k + 1] === sorted[k] + 1) k++;
		parts.push(start === sorted[k] ? String(start) : `${start}-${sorted[k]}`);
	}
	return parts.join(', ');
}

interface CountedBatch {
	status: string;
	users: Array<{ itemIndexes: number[] }>;
}

/** One sentence for an error: how many users were and were not sent, and which input items. */
export function describeUnsent(batches: CountedBatch[]): string {
	const count = (status: string) =>
		batches
			.filter((batch) => batch.status === status)
			.reduce((sum, batch) => sum + batch.users.length, 0);
	const failedBatches = batches.filter(
		(batch) => batch.status === 'failed' || batch.status === 'unknown',
	).length;
	const sent = count('sent');
	const unknown = count('unknown');
	const unsent = count('failed') + count('not sent');
	const items = batches
		.filter((batch) => batch.status !== 'sent')
		.flatMap((batch) => batch.users.flatMap((user) => user.itemIndexes));
	const parts = [
		`${failedBatches} of ${batches.length} batch(es) failed; ${sent} user(s) were sent in the batches that succeeded, and ${unsent + unknown} user(s) were not sent`,
	];
	if (unknown > 0)
		parts.push(` (${unknown} of them with an unknown outcome: Kakao may have acted on them)`);
	parts.push(`. Input items not sent: ${describeItems(items) || 'none'}.`);
	return parts.join('');
}
