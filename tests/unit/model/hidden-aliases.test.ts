/**
 * Hidden aliases ("match, never show"): the option in the model, the JSON glossary file's
 * version 3 (version 2 files still read, and refuse the option with a pointer to version 3),
 * the backup's version 2, CSV's hidden_aliases column, merging and the shown names.
 */
import { describe, expect, it } from 'vitest';
import { canonicalEntity, shownAliases, type Entity } from '../../../lib/model/entity';
import { GLOSSARY_FORMAT, parseGlossaryFile, serializeGlossaryFile } from '../../../lib/model/glossary-file';
import { BACKUP_FORMAT, parseBackupFile, serializeBackupFile } from '../../../lib/model/backup-file';
import { parseGlossaryCsv, serializeGlossaryCsv } from '../../../lib/model/glossary-csv';
import { sameEntityContent } from '../../../lib/model/merge';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';

const T0 = Date.UTC(2024, 4, 1, 12);
const mek: Entity = {
  id: 'mek',
  name: 'MEK',
  type: 'organization',
  aliases: [{ text: 'PMOI' }, { text: 'Mujahideen-e-Khalq', hidden: true }, { text: 'Mojahedin', exactCase: true, hidden: true }],
  notes: '',
  createdAt: T0,
  updatedAt: T0,
};

describe('hidden aliases', () => {
  it('are left out of the shown names, kept for matching', () => {
    expect(shownAliases(mek.aliases).map((a) => a.text)).toEqual(['PMOI']);
    expect(mek.aliases).toHaveLength(3);
  });

  it('hidden: false is stored as nothing; hiding changes the content', () => {
    expect(canonicalEntity({ ...mek, aliases: [{ text: 'A', hidden: false }] }).aliases).toEqual([{ text: 'A' }]);
    expect(sameEntityContent(mek, { ...mek, aliases: mek.aliases.map((a) => ({ text: a.text, ...(a.exactCase ? { exactCase: true } : {}) })) })).toBe(false);
    expect(sameEntityContent(mek, structuredClone(mek))).toBe(true);
  });

  it('the glossary file writes version 3 with "hidden": true and reads it back', () => {
    const text = serializeGlossaryFile([mek], T0);
    const data = JSON.parse(text);
    expect(data.version).toBe(3);
    expect(data.entities[0].aliases).toEqual([{ text: 'PMOI' }, { text: 'Mujahideen-e-Khalq', hidden: true }, { text: 'Mojahedin', exactCase: true, hidden: true }]);
    expect(parseGlossaryFile(text)).toEqual({ ok: true, entities: [mek] });
  });

  it('a version 2 file still imports (no alias hidden); "hidden" there is an error naming the field', () => {
    const v2 = { format: GLOSSARY_FORMAT, version: 2, entities: [{ name: 'MEK', type: 'place', aliases: ['PMOI', { text: 'Mek', diacriticSensitive: true }] }] };
    expect(parseGlossaryFile(JSON.stringify(v2))).toEqual({ ok: true, entities: [{ name: 'MEK', type: 'place', aliases: [{ text: 'PMOI' }, { text: 'Mek', diacriticSensitive: true }], notes: '' }] });
    const bad = structuredClone(v2);
    (bad.entities[0]!.aliases as unknown[])[1] = { text: 'Mek', hidden: true };
    expect(parseGlossaryFile(JSON.stringify(bad))).toEqual({ ok: false, errors: ['entities[0].aliases[1].hidden: unknown field'] });
    expect(parseGlossaryFile(JSON.stringify({ ...bad, version: 3 })).ok).toBe(true);
  });

  it('backups: version 2 carries hidden aliases; version 1 still reads', () => {
    const data = { entities: [mek], articles: [], mentions: [], notes: [], settings: DEFAULT_SETTINGS };
    const text = serializeBackupFile(data, T0);
    expect(JSON.parse(text).version).toBe(2);
    const r = parseBackupFile(text);
    expect(r.ok && r.entities).toEqual([mek]);
    const v1 = { format: BACKUP_FORMAT, version: 1, entities: [{ id: 'a', name: 'A', type: 'person', aliases: ['B'] }] };
    expect(parseBackupFile(JSON.stringify(v1)).ok).toBe(true);
    v1.entities[0]!.aliases = [{ text: 'B', hidden: true } as never];
    expect(parseBackupFile(JSON.stringify(v1))).toEqual({ ok: false, errors: ['entities[0].aliases[0].hidden: unknown field'] });
  });

  it('CSV: the hidden_aliases column, options in braces as in aliases', () => {
    const text = serializeGlossaryCsv([mek]);
    expect(text.split('\r\n')[0]).toBe('\ufeffname,type,aliases,hidden_aliases,notes,tags,links,id,created_at,updated_at');
    expect(text.split('\r\n')[1]).toContain(',PMOI,Mujahideen-e-Khalq | Mojahedin {exact case},');
    expect(parseGlossaryCsv(text)).toEqual({ ok: true, entities: [mek] });
    expect(parseGlossaryCsv('name,type,hidden_aliases\nA,person,"Aa {nope}"')).toEqual({ ok: false, errors: ['row 2, hidden_aliases: alias "Aa {nope}": unknown option {nope} (use exact case, any case, exact accents or any accents)'] });
  });
});
