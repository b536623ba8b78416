// Discovered CONNECTED_TO links of the CIs a run reached that the run did not see, although
// it covered both ends (reached them, or had one of their addresses or names as a target):
// flagged stale (staleSince, staleRun), never deleted. A flagged link keeps its first date.
MATCH (a:CI)-[r:CONNECTED_TO]-(b:CI)
WHERE a.id IN $reached AND r.source IS NOT NULL AND NOT elementId(r) IN $seen
  AND (b.id IN $reached OR b.hostname IN $hosts OR b.fqdn IN $hosts
       OR toLower(b.name) IN $hosts OR any(ip IN coalesce(b.ipAddresses, []) WHERE ip IN $hosts))
WITH DISTINCT r
WHERE r.staleSince IS NULL
SET r.staleSince = $now, r.staleRun = $runId
RETURN startNode(r).id AS fromId, endNode(r).id AS toId, r.localPort AS localPort,
       r.remotePort AS remotePort
ORDER BY fromId, localPort
