// CONNECTED_TO for each resolved LLDP link unless that cable is already recorded, in
// either direction (the far end's report of the same link has the ports swapped).
UNWIND $rows AS row
MATCH (a:CI {id: row.fromId}), (b:CI {id: row.toId})
CALL (a, b, row) {
  OPTIONAL MATCH (a)-[r:CONNECTED_TO]-(b)
  WHERE (startNode(r) = a AND r.localPort = row.localPort
         AND (r.remotePort IS NULL OR row.remotePort IS NULL OR r.remotePort = row.remotePort))
     OR (startNode(r) = b AND r.remotePort = row.localPort
         AND (r.localPort IS NULL OR row.remotePort IS NULL OR r.localPort = row.remotePort))
  RETURN count(r) > 0 AS known
}
WITH a, b, row, known WHERE NOT known
CREATE (a)-[r:CONNECTED_TO {id: row.relId, localPort: row.localPort, source: $source,
                            createdAt: $now}]->(b)
SET r.remotePort = row.remotePort
RETURN a.id AS fromId, b.id AS toId, r.localPort AS localPort, r.remotePort AS remotePort
