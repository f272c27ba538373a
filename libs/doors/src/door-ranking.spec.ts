import type { DoorRecord, ResponseStatsRecord } from './door.model';
import { explainMatch, likePattern, rankDoors, statsKey } from './door-ranking';

function door(id: string, over: Partial<DoorRecord>): DoorRecord {
  return {
    id, organisationId: `org-${id}`, organisationName: `Organisatie ${id}`, name: `Loket ${id}`, description: '', topics: ['WERK'], national: false,
    gemeentecodes: ['0855'], reach: 'DIRECTE_LIJN', phone: '088 - 898 92 94', openingHours: [], checklist: [], liveAllowed: false, liveTimeoutMinutes: 5,
    active: true, version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...over,
  };
}

function stats(organisationId: string, acceptedCount: number, medianMinutes: number): [string, ResponseStatsRecord] {
  return [statsKey(organisationId, 'WERK'), { organisationId, topic: 'WERK', acceptedCount, medianMinutes, p90Minutes: medianMinutes * 2, computedAt: new Date(0) }];
}

describe('rankDoors', () => {
  const query = { topic: 'WERK' as const, gemeentecode: '0855', search: null };

  it('keeps only doors with the topic that serve the gemeente or are national', () => {
    const ranked = rankDoors(
      [door('a', {}), door('b', { gemeentecodes: ['0153'] }), door('c', { national: true, gemeentecodes: [] }), door('d', { topics: ['SCHULDEN'] }), door('e', { active: false })],
      new Map(),
      query,
    );
    expect(ranked.map((r) => r.door.id)).toEqual(['a', 'c']);
    expect(ranked[0].reasons).toEqual(['ONDERWERP', 'GEMEENTE']);
    expect(ranked[1].reasons).toEqual(['ONDERWERP', 'LANDELIJK']);
  });

  it('puts measured doors first, fastest median first, then unknown ones (fewer than 5 handoffs), then by name', () => {
    const doors = [door('slow', { name: 'A' }), door('fast', { name: 'Z', national: true, gemeentecodes: [] }), door('few', { name: 'B' }), door('none', { name: 'C' })];
    const ranked = rankDoors(doors, new Map([stats('org-slow', 10, 600), stats('org-fast', 5, 30), stats('org-few', 4, 1)]), query);
    expect(ranked.map((r) => r.door.id)).toEqual(['fast', 'slow', 'few', 'none']);
    expect(ranked.map((r) => r.medianMinutes)).toEqual([30, 600, null, null]);
  });

  it('does not rank a door serving the gemeente explicitly above a national one by itself', () => {
    const ranked = rankDoors([door('local', { name: 'B' }), door('national', { name: 'A', national: true, gemeentecodes: [] })], new Map(), query);
    expect(ranked.map((r) => r.door.id)).toEqual(['national', 'local']);
  });

  it('adds doors found by the search text after the doors that serve topic and region', () => {
    const doors = [door('match', { name: 'Werkplein' }), door('other', { topics: ['SCHULDEN'], gemeentecodes: ['0153'], name: 'Schuldhulp', organisationName: 'Gemeente Enschede' })];
    const ranked = rankDoors(doors, new Map([stats('org-other', 9, 1)]), { ...query, search: 'enschede' });
    expect(ranked.map((r) => r.door.id)).toEqual(['match', 'other']);
    expect(ranked[1].reasons).toEqual(['ZOEKTERM']);
    // Topic labels count for the search too, case-insensitively.
    expect(rankDoors(doors, new Map(), { topic: 'ZORG', gemeentecode: null, search: 'SCHULD' }).map((r) => r.door.id)).toEqual(['other']);
  });

  it('without a gemeente only national doors serve the region', () => {
    const ranked = rankDoors([door('local', {}), door('national', { national: true, gemeentecodes: [] })], new Map(), { ...query, gemeentecode: null });
    expect(ranked.map((r) => r.door.id)).toEqual(['national']);
  });

  it('explains a match in words', () => {
    expect(explainMatch(['ONDERWERP', 'GEMEENTE'], query)).toBe('Onderwerp Werk, werkt voor gemeente 0855');
    expect(explainMatch(['ONDERWERP', 'LANDELIJK'], query)).toBe('Onderwerp Werk, landelijk loket');
    expect(explainMatch(['ZOEKTERM'], query)).toBe('Gevonden met uw zoekterm');
  });

  it('escapes LIKE wildcards in the search text', () => {
    expect(likePattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });
});
