/**
 * At most one warning a minute per trigger and kind (such as 401): a caller sending wrong keys at
 * request rate must not fill n8n's log. The next line that is written says how many were left out.
 */
export const WARNING_INTERVAL_MS = 60_000;
/** Kinds remembered at once; the one written longest ago is forgotten first. */
export const MAX_WARNING_KINDS = 1_000;

export class WarningLimit {
	private readonly written = new Map<string, { at: number; skipped: number }>();

	/** How many were left out since the last line of this kind, or undefined: leave this one out. */
	admit(kind: string, now: number): number | undefined {
		const last = this.written.get(kind);
		if (last !== undefined && now - last.at < WARNING_INTERVAL_MS) {
			last.skipped++;
			return undefined;
		}
		this.written.delete(kind);
		if (this.written.size >= MAX_WARNING_KINDS) {
			const oldest = this.written.keys().next();
			if (!oldest.done) this.written.delete(oldest.value);
		}
		this.written.set(kind, { at: now, skipped: 0 });
		return last?.skipped ?? 0;
	}

	clear(): void {
		this.written.clear();
	}
}

/** One per n8n process, shared by every Kakao Channel Trigger. */
export const triggerWarnings = new WarningLimit();
