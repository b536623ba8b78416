// The address facts of CIs: per address and source, first and last seen, the runs in a
// row the source reached the CI without seeing it, and when it left the CI (moved to
// another CI or aged out: identity/drop_addresses).
UNWIND $ids AS id
MATCH (k:IdentityKey)-[s:SEEN_ON]->(:CI {id: id})
RETURN id, k.key AS key, s.source AS source, s.firstSeen AS firstSeen, s.lastSeen AS lastSeen,
       coalesce(s.missed, 0) AS missed, s.droppedAt AS droppedAt
ORDER BY key, source
