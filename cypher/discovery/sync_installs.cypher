// A device's discovered installations: remove those it no longer reports (only the ones
// this source created), then create or update the reported ones. Products exist already.
MATCH (c:CI {id: $ciId})
CALL (c) {
  UNWIND $removals AS key
  MATCH (c)-[i:HAS_INSTALLED {source: $source}]->(:SoftwareProduct {key: key})
  DELETE i
  RETURN count(*) AS removed
}
CALL (c) {
  UNWIND $rows AS row
  MATCH (p:SoftwareProduct {key: row.productKey})
  MERGE (c)-[i:HAS_INSTALLED]->(p)
  ON CREATE SET i.createdAt = $now, i.source = $source
  SET i.version = row.version, i.installedAt = row.installedAt
  RETURN count(i) AS written
}
RETURN removed, written
