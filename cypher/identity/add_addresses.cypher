// Add addresses to a CI under its write lock (taken by the first SET): the lists are
// read as the last writer left them, so two writers that reached one CI through
// different keys both keep theirs. Null leaves a list as it is.
MATCH (n:CI {id: $id})
SET n.updatedAt = $now
WITH n
SET n.ipAddresses = CASE WHEN $ips IS NULL THEN n.ipAddresses
      ELSE COLLECT { UNWIND coalesce(n.ipAddresses, []) + $ips AS a
                     RETURN DISTINCT a ORDER BY a } END,
    n.macAddresses = CASE WHEN $macs IS NULL THEN n.macAddresses
      ELSE COLLECT { UNWIND coalesce(n.macAddresses, []) + $macs AS a
                     RETURN DISTINCT a ORDER BY a } END
RETURN n.id AS id
