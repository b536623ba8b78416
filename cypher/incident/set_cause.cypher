// Replace what the incident was CAUSED_BY ($causeId null: no cause); returns the old one.
MATCH (i:Incident {id: $id})
OPTIONAL MATCH (i)-[old:CAUSED_BY]->(previous)
WITH i, collect(previous.id) AS previousIds, collect(old) AS olds
FOREACH (r IN olds | DELETE r)
WITH i, previousIds
CALL (i) {
  MATCH (c:Entity {id: $causeId})
  CREATE (i)-[:CAUSED_BY]->(c)
}
RETURN previousIds
