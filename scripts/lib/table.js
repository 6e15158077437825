'use strict';
/** Suno Fetch items as a readable text table. */
const COLUMNS = [
	['task', (item) => item.taskId, 36],
	['status', (item) => item.taskStatus, 11],
	[
		'clip',
		(item) => (item.clipIndex === null ? '-' : `${item.clipIndex + 1}/${item.clipCount}`),
		4,
	],
	['title', (item) => item.title ?? '', 24],
	['sec', (item) => (item.duration === null ? '' : String(item.duration)), 6],
	[
		'audio / why not',
		(item) =>
			item.audioUrl ??
			item.failReason ??
			(item.lyrics ? `lyrics: ${item.lyrics.split('\n')[1] ?? ''}` : ''),
		48,
	],
];

function cell(value, width) {
	const text = String(value ?? '').replace(/\s+/g, ' ');
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function printItems(items) {
	console.log(COLUMNS.map(([name, , width]) => cell(name, width)).join('  '));
	console.log(COLUMNS.map(([, , width]) => '-'.repeat(width)).join('  '));
	for (const item of items)
		console.log(COLUMNS.map(([, read, width]) => cell(read(item), width)).join('  '));
}

module.exports = { printItems };
