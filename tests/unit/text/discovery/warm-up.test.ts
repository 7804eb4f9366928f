/**
 * The warm-up article prepareDiscovery() reads (lib/text/discovery/warm-up.ts): it must take the
 * engine through its main paths — people after titles, bodies by head and acronym, an event,
 * list lines — or the first real page still runs uncompiled code.
 */
import { describe, expect, it } from 'vitest';
import { discoverEntities, prepareDiscovery } from '../../../../lib/text/discovery/index';
import { WARM_UP_CHUNKS } from '../../../../lib/text/discovery/warm-up';

describe('warm-up', () => {
  it('finds people, organisations (by head, by acronym, on a results line) and an event in it', () => {
    prepareDiscovery();
    const found = discoverEntities(WARM_UP_CHUNKS, { lang: 'en' }).map((c) => `${c.type}:${c.name}`);
    expect(found).toEqual(
      expect.arrayContaining(['person:Anja Kessel', 'person:Dana Whitfield', 'person:Ilse Brandvold', 'organization:Ministry of Ports and Fisheries', 'organization:NTC', 'organization:Dunmore City', 'event:Battle of Ostbrück']),
    );
  });
});
