'use strict';
/**
 * The queue rig's watchdog (see scripts/lib/queue.js). It runs in its own process group and reads
 * lines from its stdin, a pipe held by the process that started the rig:
 *   `+<pgid>`  a process group the rig started (PostgreSQL, Redis, an n8n worker and its children)
 *   `-<pgid>`  that group has ended on its own
 *   `p<pid>`   a single process the rig started in the rig's own group (the n8n main), with its
 *              children; `x<pid>` when it has ended
 *   `dir <p>`  a folder to remove at the end
 * When the pipe closes — the rig stopped normally, or the test process was killed, even with
 * SIGKILL — it sends SIGTERM to what is still listed, SIGKILL to what is alive 10 s later, removes
 * the folders and exits. It never touches a process it was not told about (or a child of one).
 */
const fs = require('node:fs');

const groups = new Set();
const processes = new Set();
const dirs = [];
let buffered = '';

function send(target, name) {
	try {
		process.kill(target, name);
		return true;
	} catch {
		return false;
	}
}

/** The process's children, grandchildren…, read from /proc (Linux). */
function descendants(pid) {
	const parentOf = new Map();
	try {
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
				// pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
				const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				parentOf.set(Number(entry), ppid);
			} catch {
				/* ended meanwhile */
			}
		}
	} catch {
		return [];
	}
	const found = [];
	let frontier = [pid];
	while (frontier.length > 0) {
		const next = [];
		for (const [child, parent] of parentOf) if (frontier.includes(parent)) next.push(child);
		found.push(...next);
		frontier = next;
	}
	return found;
}

async function reap() {
	const targets = [
		...[...groups].map((pgid) => -pgid),
		...[...processes].flatMap((pid) => [pid, ...descendants(pid)]),
	].filter((target) => send(target, 0));
	for (const target of targets) send(target, 'SIGTERM');
	const deadline = Date.now() + 10000;
	while (targets.some((target) => send(target, 0)) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 100));
	for (const target of targets) send(target, 'SIGKILL');
	await new Promise((resolve) => setTimeout(resolve, 300));
	for (const dir of dirs) {
		try {
			fs.rmSync(dir, { recursive: true, force: true });
		} catch {
			/* best effort */
		}
	}
	process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffered += chunk;
	const lines = buffered.split('\n');
	buffered = lines.pop();
	for (const line of lines) {
		if (line.startsWith('+')) groups.add(Number(line.slice(1)));
		else if (line.startsWith('-')) groups.delete(Number(line.slice(1)));
		else if (line.startsWith('p')) processes.add(Number(line.slice(1)));
		else if (line.startsWith('x')) processes.delete(Number(line.slice(1)));
		else if (line.startsWith('dir ')) dirs.push(line.slice(4));
	}
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
