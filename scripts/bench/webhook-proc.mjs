// /proc readers for the webhook benchmark: n8n's memory and CPU, and what else runs on the machine.
// Linux only; every reader returns null (or an empty result) where /proc is not there.
import fs from 'node:fs';

// Clock ticks per second for /proc/<pid>/stat. 100 on every mainstream Linux build (USER_HZ).
const TICKS_PER_SECOND = 100;

function read(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

/** VmRSS and VmHWM (peak RSS) of a process, in MiB, or null. */
export function memoryMiB(pid) {
	const status = pid ? read(`/proc/${pid}/status`) : null;
	if (!status) return null;
	const kib = (field) =>
		Number(status.match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'))?.[1] ?? NaN);
	return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

// Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses).
function statFields(text) {
	const close = text.lastIndexOf(')');
	return { comm: text.slice(text.indexOf('(') + 1, close), rest: text.slice(close + 2).split(' ') };
}

/** User+system CPU time of one process, in ms, or null. */
export function cpuMs(pid) {
	const text = pid ? read(`/proc/${pid}/stat`) : null;
	if (!text) return null;
	const { rest } = statFields(text);
	// rest[0] is field 3 (state): utime is field 14, stime field 15.
	return ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms (user+system) of every process now, keyed by pid, with its group and name. */
export function cpuSnapshot() {
	const out = new Map();
	let pids = [];
	try {
		pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
	} catch {
		return out;
	}
	for (const pid of pids) {
		const text = read(`/proc/${pid}/stat`);
		if (!text) continue;
		const { comm, rest } = statFields(text);
		const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
		out.set(Number(pid), {
			comm,
			cmdline,
			pgid: Number(rest[2]),
			ms: ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND,
		});
	}
	return out;
}

/**
 * CPU used between two snapshots by processes that are neither ours (this process, or n8n's
 * process group) nor kernel threads, largest first: the concurrent load on the machine.
 */
export function otherLoad(before, after, { ownPids = [], ownGroups = [] } = {}) {
	const rows = [];
	for (const [pid, now] of after) {
		if (ownPids.includes(pid) || ownGroups.includes(now.pgid) || !now.cmdline) continue;
		const was = before.get(pid);
		const ms = now.ms - (was && was.comm === now.comm ? was.ms : 0);
		if (ms > 0) rows.push({ pid, ms, cmdline: now.cmdline.slice(0, 100) });
	}
	rows.sort((a, b) => b.ms - a.ms);
	return { totalMs: rows.reduce((s, r) => s + r.ms, 0), top: rows.slice(0, 5) };
}

/** Other `n8n start` processes on the machine (another engineer's n8n, say). */
export function otherN8nProcesses(ownGroups = []) {
	const rows = [];
	for (const [pid, p] of cpuSnapshot()) {
		if (ownGroups.includes(p.pgid) || pid === process.pid) continue;
		if (/\bn8n\b.*\bstart\b/.test(p.cmdline) || /n8n\/bin\/n8n/.test(p.cmdline))
			rows.push({ pid, cmdline: p.cmdline.slice(0, 120) });
	}
	return rows;
}

export function loadAverage() {
	return read('/proc/loadavg')?.split(' ').slice(0, 3).join(' ') ?? null;
}
