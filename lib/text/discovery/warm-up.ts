/**
 * A short invented article that prepareDiscovery() reads once, so that the engine's code is
 * compiled before the first page asks (a fresh engine read its first page at ~1 MB/s, a tenth of
 * its speed once warm, issue 17). Every step runs on it: a headline, titles, people, bodies with
 * heads and acronyms, an event, a list line. No name in it is real.
 */
import type { TextChunk } from '../types';

const WARM_UP_TEXT = [
  'Velkaro Council Backs Harbour Plan After Storm',
  'President Mira Velkaro of the Northwind Trade Council (NTC) said on Tuesday that the 2019 harbour talks would resume, the Dunmore Herald reported.',
  '“We will not wait,” said Anja Kessel, 52, who chairs the Ministry of Ports and Fisheries. The NTC’s board met in Dunmore.',
  'Shares of Kestrel Motors rose after Kestrel CEO Dana Whitfield told the Dunmore news agency that the Battle of Ostbrück museum would open.',
  '3. Ilse Brandvold (Velkaro Wanderers) 1:52.30',
  'Velkaro Wanderers 2 Dunmore City 1',
];

export const WARM_UP_CHUNKS: readonly TextChunk[] = WARM_UP_TEXT.map((text) => ({ text, blockStart: true }));
