// Replace the CIs a change MODIFIES (targets checked by the caller); returns the old ones.
MATCH (c:Change {id: $id})
OPTIONAL MATCH (c)-[old:MODIFIES]->(previous:CI)
WITH c, collect(previous.id) AS previousIds, collect(old) AS olds
FOREACH (r IN olds | DELETE r)
WITH c, previousIds
CALL (c) {
  UNWIND $modifies AS ciId
  MATCH (ci:CI {id: ciId})
  MERGE (c)-[:MODIFIES]->(ci)
}
RETURN previousIds
