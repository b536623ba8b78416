// When a source last saw each CI on the network (a later sighting is kept), first seen
// then when never seen before, and the source added to the CI's sources.
UNWIND $rows AS row
MATCH (c:CI {id: row.id})
WHERE c.lastSeen IS NULL OR c.lastSeen < row.lastSeen
SET c.lastSeen = row.lastSeen,
    c.firstSeen = coalesce(c.firstSeen, row.lastSeen),
    c.sources = CASE WHEN $source IN coalesce(c.sources, []) THEN c.sources
                     ELSE coalesce(c.sources, []) + $source END
RETURN c.id AS id
