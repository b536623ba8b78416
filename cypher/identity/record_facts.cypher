// Address facts per source: each source that reports an address of a CI keeps its own
// SEEN_ON relationship from the address's identity key, with when it first and last
// reported it. Facts accumulate: a scan that no longer reaches an address does not erase
// what another source (or an earlier scan) said, it only stops moving its lastSeen.
// A sighting clears the misses counted while the source did not see it (identity/
// ageing.py).
// Times come as ISO text: the driver packs a text far faster than a datetime.
UNWIND $rows AS row
MATCH (c:CI {id: row.id})
WITH c, row, datetime(row.at) AS at
UNWIND row.keys AS key
MERGE (k:IdentityKey {key: key})
MERGE (k)-[s:SEEN_ON {source: row.source}]->(c)
ON CREATE SET s.firstSeen = at, s.lastSeen = at
SET s.lastSeen = CASE WHEN s.lastSeen < at THEN at ELSE s.lastSeen END
REMOVE s.missed, s.droppedAt  // seen again: no miss, not gone
RETURN count(s) AS facts
