// The CLI's output formats. All take the same findings; positions are 1-based, columns in UTF-16
// code units (what JavaScript strings, LSP and SARIF's utf16CodeUnits count).
import { CODES } from '../codes';
import { VERSION } from './args';
import type { RunStats } from './stats';
import {
  position,
  summaryLine,
  where,
  type FileReport,
  type Finding,
  type Position,
  type Totals,
} from './findings';

export interface Report {
  reports: FileReport[];
  findings: Finding[];
  totals: Totals;
  verbose: boolean;
  /** A baseline was given: SARIF then says which results are new. */
  baseline: boolean;
  /** `--stats`: JSON adds them to its summary. */
  stats?: RunStats;
}

export function toText(r: Report): string {
  const lines: string[] = [];
  for (const file of r.reports) {
    const entries: { offset: number; line: string }[] = [];
    if (r.verbose) {
      for (const c of file.result.claims) {
        if (c.verdict !== 'verified') continue;
        const p = position(file, c.opStart);
        entries.push({
          offset: c.opStart,
          line: `${where(file, p)}:${p.line}:${p.column}: ${c.message}  [${oneLine(c.text)}]`,
        });
      }
    }
    for (const f of r.findings) {
      if (f.file !== file || f.suppressed) continue;
      const p = position(file, f.at, f.problem);
      const line = f.claim
        ? `${where(file, p)}:${p.line}:${p.column}: ${f.message}  [${oneLine(f.text)}]`
        : `${where(file, p)}:${p.line}:${p.column}: ${f.level}[${f.code}]: ${f.message}`;
      entries.push({ offset: f.at, line });
    }
    entries.sort((a, b) => a.offset - b.offset);
    lines.push(...entries.map((e) => e.line));
  }
  lines.push(summaryLine(r.totals));
  return `${lines.join('\n')}\n`;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

export function toJson(r: Report): string {
  const byFile = new Map<FileReport, Finding[]>();
  for (const f of r.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const files = r.reports.map((file) => {
    const findings = byFile.get(file) ?? [];
    const ofClaim = new Map(findings.filter((f) => f.claim).map((f) => [f.claim!, f]));
    const ofProblem = new Map(findings.filter((f) => f.problem).map((f) => [f.problem!, f]));
    const marks = (f: Finding | undefined) =>
      f ? { fingerprint: f.fingerprint, ...(f.suppressed ? { suppressed: f.suppressed } : {}) } : {};
    return {
      path: file.path,
      spans: file.result.spans,
      claims: file.result.claims.map((c) => {
        const a = position(file, c.opStart);
        const start = position(file, c.start);
        const end = position(file, c.end);
        return {
          ...(a.cell !== undefined ? { cell: a.cell } : {}),
          line: a.line,
          column: a.column,
          startLine: start.line,
          startColumn: start.column,
          endLine: end.line,
          endColumn: end.column,
          relation: c.relation,
          text: c.text,
          verdict: c.verdict,
          code: c.code,
          message: c.message,
          details: c.details,
          trials: c.trials,
          maxError: c.maxError,
          ...(c.tag ? { tag: c.tag } : {}),
          ...marks(ofClaim.get(c)),
        };
      }),
      problems: file.result.problems.map((p) => {
        const a = position(file, p.start, p);
        return {
          ...(a.cell !== undefined ? { cell: a.cell } : {}),
          line: a.line,
          column: a.column,
          code: p.code,
          message: p.message,
          ...marks(ofProblem.get(p)),
        };
      }),
    };
  });
  const t = r.totals;
  const summary = {
    verified: t.verified,
    refuted: t.refuted,
    unchecked: t.unchecked,
    suppressed: t.suppressed,
    inBaseline: t.inBaseline,
    ...(r.stats ? { stats: r.stats } : {}),
  };
  return `${JSON.stringify({ version: 1, files, summary }, null, 2)}\n`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export function toSarif(r: Report): string {
  const rules = CODES.filter((c) => c.code !== 'verified');
  const ruleIndex = new Map(rules.map((c, i) => [c.code, i]));
  const results = r.findings.map((f) => {
    // Regions are in the file as stored (a notebook's JSON), where code-scanning tools show them.
    const s = position(f.file, f.start, f.problem);
    const e = (f.problem as { at?: unknown } | undefined)?.at
      ? s
      : position(f.file, Math.max(f.end, f.start));
    const sameLine = s.fileLine === e.fileLine;
    return {
      ruleId: f.code,
      ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
      level: SARIF_LEVEL[f.level],
      message: { text: [f.message, ...f.details].join('\n') },
      locations: [sarifLocation(f.file.path, s, e, sameLine)],
      // Code scanning matches results across commits by these, not by line.
      partialFingerprints: { 'derivcheckFinding/v1': f.fingerprint },
      ...(f.suppressed === 'comment' ? { suppressions: [{ kind: 'inSource' }] } : {}),
      ...(r.baseline ? { baselineState: f.suppressed === 'baseline' ? 'unchanged' : 'new' } : {}),
    };
  });
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'derivcheck',
              version: VERSION,
              rules: rules.map((c) => ({
                id: c.code,
                name: c.code.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
                shortDescription: { text: c.title },
                fullDescription: { text: c.meaning },
                help: { text: c.action },
                defaultConfiguration: {
                  level: c.level === 'error' || c.level === 'warning' ? c.level : 'note',
                },
              })),
            },
          },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/**
 * A SARIF 2.1.0 location: the region in the file as stored; for a notebook, the cell named by a
 * logical location (`cells[i]`, 0-based as in the JSON) and the `cell` property (1-based).
 */
function sarifLocation(path: string, s: Position, e: Position, sameLine: boolean): unknown {
  const physicalLocation = {
    artifactLocation: { uri: artifactUri(path) },
    region: {
      startLine: s.fileLine,
      startColumn: s.fileColumn,
      endLine: e.fileLine,
      endColumn: sameLine ? Math.max(e.fileColumn, s.fileColumn + 1) : e.fileColumn,
    },
  };
  if (s.cell === undefined) return { physicalLocation };
  return {
    physicalLocation,
    logicalLocations: [
      { name: `cell ${s.cell}`, fullyQualifiedName: `cells[${s.cell - 1}]`, kind: 'element' },
    ],
    properties: { cell: s.cell },
  };
}

/** A relative path as a URI reference (spaces and the like percent-encoded); absolute paths as file: URIs. */
function artifactUri(path: string): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

/** GitHub Actions workflow commands: one annotation per finding, then the summary as a plain line. */
export function toGithub(r: Report): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    if (f.suppressed) continue;
    // GitHub shows the file as stored: for a notebook, the lines of its JSON.
    const p = position(f.file, f.start, f.problem);
    const q = (f.problem as { at?: unknown } | undefined)?.at
      ? p
      : position(f.file, Math.max(f.end, f.start));
    const a = { line: p.fileLine, column: p.fileColumn };
    const e = { line: q.fileLine, column: q.fileColumn };
    const command = f.level === 'error' ? 'error' : f.level === 'warning' ? 'warning' : 'notice';
    const props: [string, string | number][] = [
      ['file', f.file.path],
      ['line', a.line],
      ['col', a.column],
      ['endLine', e.line],
    ];
    if (e.line === a.line) props.push(['endColumn', Math.max(e.column, a.column + 1)]);
    props.push(['title', `derivcheck ${f.code}`]);
    const body = f.claim ? [`${f.message}  [${oneLine(f.text)}]`, ...f.details].join('\n') : f.message;
    lines.push(
      `::${command} ` +
        `${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(body)}`,
    );
  }
  lines.push(summaryLine(r.totals));
  return `${lines.join('\n')}\n`;
}

/** GitHub's escaping of a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a workflow command's property value (also `:` and `,`, which delimit). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
