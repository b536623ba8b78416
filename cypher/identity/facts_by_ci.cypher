// The address facts of CIs: per address and source, first and last seen.
UNWIND $ids AS id
MATCH (k:IdentityKey)-[s:SEEN_ON]->(:CI {id: id})
RETURN id, k.key AS key, s.source AS source, s.firstSeen AS firstSeen, s.lastSeen AS lastSeen
ORDER BY key, source
