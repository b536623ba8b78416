// Add addresses to a CI under its write lock (taken by the first SET): the lists are
// read as the last writer left them, so two writers that reached one CI through
// different keys both keep theirs. Null leaves a list as it is (as identity/write_cis
// adds a row's addresses).
MATCH (n:CI {id: $id})
SET n.updatedAt = $now
WITH n
CALL (n) {
  WITH n WHERE $ips IS NOT NULL
  SET n.ipAddresses = COLLECT { UNWIND coalesce(n.ipAddresses, []) + $ips AS a
                                RETURN DISTINCT a ORDER BY a }
}
CALL (n) {
  WITH n WHERE $macs IS NOT NULL
  SET n.macAddresses = COLLECT { UNWIND coalesce(n.macAddresses, []) + $macs AS a
                                 RETURN DISTINCT a ORDER BY a }
}
RETURN n.id AS id
