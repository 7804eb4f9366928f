import { describe, expect, it } from 'vitest';
import { SyncConfig, checkIncomingDoc, originPattern, MAX_SYNC_DOC_CHARS } from '../../../lib/model/sync';

describe('sync model', () => {
  it('an empty server address is a valid "not set yet"; credentials in the address are not', () => {
    expect(SyncConfig.parse({}).serverUrl).toBe('');
    expect(SyncConfig.safeParse({ serverUrl: 'https://u:p@couch.test' }).success).toBe(false);
    expect(SyncConfig.safeParse({ serverUrl: 'ftp://couch.test' }).success).toBe(false);
    expect(SyncConfig.parse({ serverUrl: 'https://couch.test/prefix', database: 'my-glossary' }).database).toBe('my-glossary');
  });

  it('the permission pattern is the host, any port', () => {
    expect(originPattern('http://127.0.0.1:5984/x')).toBe('http://127.0.0.1/*');
    expect(originPattern('nonsense')).toBeNull();
  });

  it('incoming documents: schema, id, markup in names, size', () => {
    const record = { id: 'a1', name: 'Kaja Kallas', type: 'person', aliases: [], notes: '', createdAt: 1, updatedAt: 1 };
    expect(checkIncomingDoc({ _id: 'e:a1', _rev: '1-x', kind: 'entity', record }).ok).toBe(true);
    expect(checkIncomingDoc({ _id: 'e:a2', kind: 'entity', record }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: 'e:a1', kind: 'entity', record: { ...record, name: '<script>x</script>' } }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: 'e:a1', kind: 'entity', record: { ...record, aliases: [{ text: 'a\u0000b' }] } }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: 'e:a1', kind: 'entity', record: { ...record, type: 'wizard' } }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: 'e:a1', kind: 'entity', record, extra: 1 }).ok).toBe(false);
    const huge = checkIncomingDoc({ _id: 'e:a1', kind: 'entity', record: { ...record, notes: 'x'.repeat(MAX_SYNC_DOC_CHARS) } });
    expect(huge.ok ? '' : huge.reason).toMatch(/over the 256 KB limit/);
    expect(checkIncomingDoc({ _id: 'x:1' }).ok).toBe(false);
  });
});
