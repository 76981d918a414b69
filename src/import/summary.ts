/** What `publist import` prints: per file, what was mapped, kept and skipped, and why. */
import { compareText } from '../model/text-order.js';
import { FORMAT_NAMES } from './record.js';
import type { FileReport, ImportResult } from './import.js';

export function formatSummary(result: ImportResult): string {
  const lines: string[] = [];
  for (const report of result.files) lines.push(...fileSummary(report));
  const added = result.files.reduce((sum, report) => sum + report.added.length, 0);
  const updated = new Set(
    result.files.flatMap((report) => [
      ...report.duplicates
        .filter((duplicate) => duplicate.added.length)
        .map((duplicate) => duplicate.existing),
      ...report.preprints.filter((preprint) => preprint.updated).map((preprint) => preprint.id),
    ]),
  ).size;
  const parts = [`${plural(added, 'paper')} added`];
  if (updated) parts.push(`${plural(updated, 'paper')} updated`);
  let tail = `(${result.after} in all)`;
  if (!result.written)
    tail += result.edits.length ? '; dry run, nothing written' : '; nothing to write';
  lines.push(`${result.database}${result.created ? ' (new)' : ''}: ${parts.join(', ')} ${tail}`);
  return lines.join('\n') + '\n';
}

/** Changed keys listed one by one up to this many; more are summed up in one line. */
const RENAMES_LISTED = 5;

function fileSummary(report: FileReport): string[] {
  const { file } = report;
  const counts = [`${report.added.length} added`];
  const knownDuplicates = report.duplicates.filter((duplicate) => duplicate.inDatabase).length;
  const knownPreprints = report.preprints.filter((preprint) => preprint.inDatabase).length;
  if (knownDuplicates + knownPreprints)
    counts.push(`${knownDuplicates + knownPreprints} already in the database`);
  const mergedPreprints = report.preprints.length - knownPreprints;
  if (mergedPreprints) {
    counts.push(
      `${plural(mergedPreprints, 'preprint')} merged into ${mergedPreprints === 1 ? 'its' : 'their'} published version`,
    );
  }
  if (report.duplicates.length > knownDuplicates)
    counts.push(`${report.duplicates.length - knownDuplicates} duplicates`);
  if (report.skipped.length) counts.push(`${report.skipped.length} skipped`);
  const lines = [
    `${file}: ${FORMAT_NAMES[report.format]}, ${plural(report.entries, 'entry', 'entries')}: ${counts.join(', ')}`,
  ];
  if (report.mapped.size) lines.push(`  mapped: ${tally(report.mapped)}`);
  if (report.kept.size) lines.push(`  kept under extra: ${tally(report.kept)}`);
  if (report.skippedFields.size) lines.push(`  left out: ${tally(report.skippedFields)}`);
  const stops = report.tidied.get('title full stop');
  if (stops) {
    lines.push(
      `  ${plural(stops, 'title')} ended in a full stop, removed: styles put their own punctuation after a title`,
    );
  }
  if (mergedPreprints) {
    lines.push(
      `  a preprint with its published version is one paper; --keep-preprints imports ${mergedPreprints === 1 ? 'it as a paper of its own' : 'them as papers of their own'}`,
    );
  }
  const at = (position: { line: number; col: number }) =>
    `${file}:${position.line}:${position.col}`;
  const located: { line: number; text: string }[] = [];
  for (const warning of [...report.warnings, ...report.ignored]) {
    located.push({
      line: warning.position.line,
      text: `${at(warning.position)}: ${warning.message}${warning.hint ? ` (${warning.hint})` : ''}`,
    });
  }
  for (const entry of report.skipped) {
    located.push({
      line: entry.position.line,
      text: `${at(entry.position)}: ${label(entry.key)}skipped: ${entry.reason}`,
    });
  }
  for (const duplicate of report.duplicates) {
    const merged = duplicate.added.length ? `; added ${duplicate.added.join(', ')}` : '';
    located.push({
      line: duplicate.position.line,
      text: `${at(duplicate.position)}: ${label(duplicate.key)}${duplicate.inDatabase ? 'already in the database as' : 'the same paper as'} \`${duplicate.existing}\` (${duplicate.reason})${merged}`,
    });
  }
  for (const preprint of report.preprints) {
    const merged = preprint.inDatabase
      ? `already in the database as \`${preprint.id}\`${preprint.where ? ` (${preprint.where})` : ''}, its published version (same title and authors)`
      : `preprint of \`${preprint.id}\` (same title and authors): one paper, the published version`;
    const arxiv =
      preprint.arxiv === undefined
        ? ''
        : preprint.hasArxiv
          ? `, with the arXiv id ${preprint.arxiv}`
          : `; --update gives it the arXiv id ${preprint.arxiv}`;
    const link =
      preprint.link === undefined ? '' : `, keeping its address ${preprint.link} as extra.preprint`;
    located.push({
      line: preprint.position.line,
      text: `${at(preprint.position)}: ${label(preprint.key)}${merged}${arxiv}${link}`,
    });
  }
  const renamed = report.added.filter((added) => added.key !== undefined && added.key !== added.id);
  if (renamed.length > RENAMES_LISTED) {
    // A DBLP export renames every key the same way: one line says it.
    const [first] = renamed;
    lines.push(
      `  ${renamed.length} keys are not valid ids and were changed, as \`${first?.key}\` to \`${first?.id}\``,
    );
  } else {
    for (const added of renamed) {
      located.push({
        line: added.position.line,
        text: `${at(added.position)}: ${label(added.key)}imported as \`${added.id}\``,
      });
    }
  }
  for (const note of report.notes) {
    located.push({
      line: note.position.line,
      text: `${at(note.position)}: ${label(note.key)}${note.note}`,
    });
  }
  located.sort((a, b) => a.line - b.line);
  return [...lines, ...located.map(({ text }) => `  ${text}`)];
}

/** The edits as the lines they add (+) and remove (-), for `--dry-run`. */
export function formatEdits(result: ImportResult): string {
  const original = result.original;
  const out: string[] = [];
  const ordered = [...result.edits].sort((a, b) => a.at - b.at);
  for (const edit of ordered) {
    const line = original.slice(0, edit.at).split('\n').length;
    out.push(`@@ ${result.database}:${line} @@`);
    if (edit.remove) {
      for (const removed of original.slice(edit.at, edit.at + edit.remove).split('\n'))
        out.push(`-${removed}`);
    }
    for (const added of edit.insert.replace(/\n$/, '').split('\n')) out.push(`+${added}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

function label(key: string | undefined): string {
  return key === undefined ? '' : `${key}: `;
}

function tally(counts: Map<string, number>): string {
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || compareText(a, b))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
