// CONNECTED_TO for each resolved LLDP link unless that cable is already recorded, in
// either direction (the far end's report of the same link has the ports swapped). A
// recorded cable is confirmed: its lastSeen moves forward (never back) and a stale flag
// a covering run set is cleared. `moved`: the link changed.
UNWIND $rows AS row
MATCH (a:CI {id: row.fromId}), (b:CI {id: row.toId})
CALL (a, b, row) {
  OPTIONAL MATCH (a)-[r:CONNECTED_TO]-(b)
  WHERE (startNode(r) = a AND r.localPort = row.localPort
         AND (r.remotePort IS NULL OR row.remotePort IS NULL OR r.remotePort = row.remotePort))
     OR (startNode(r) = b AND r.remotePort = row.localPort
         AND (r.localPort IS NULL OR row.remotePort IS NULL OR r.localPort = row.remotePort))
  RETURN collect(r) AS known
}
CALL (a, b, row, known) {
  UNWIND known AS r
  WITH r, row, (r.lastSeen IS NULL OR r.lastSeen < row.at) AS later,
       r.staleSince IS NOT NULL AS flagged
  SET r.lastSeen = CASE WHEN later THEN row.at ELSE r.lastSeen END,
      r.staleSince = null, r.staleRun = null
  RETURN r, false AS created, later OR flagged AS moved
  UNION ALL
  WITH a, b, row, known WHERE size(known) = 0
  CREATE (a)-[r:CONNECTED_TO {id: row.relId, localPort: row.localPort, source: $source,
                              createdAt: $now, lastSeen: row.at}]->(b)
  SET r.remotePort = row.remotePort
  RETURN r, true AS created, true AS moved
}
RETURN startNode(r).id AS fromId, endNode(r).id AS toId, r.localPort AS localPort,
       r.remotePort AS remotePort, elementId(r) AS elementId, created, moved,
       r.lastSeen AS lastSeen
