// A change and the CIs it MODIFIES (targets checked by the caller) in one statement.
CREATE (c:Entity:Change {id: $id})
SET c += $props, c.createdAt = datetime(), c.updatedAt = datetime()
WITH c
CALL (c) {
  UNWIND $modifies AS ciId
  MATCH (ci:CI {id: ciId})
  MERGE (c)-[:MODIFIES]->(ci)
}
RETURN c {.*, labels: labels(c)} AS change
