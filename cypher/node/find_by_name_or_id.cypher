UNWIND $keys AS key
CALL (key) {
  MATCH (n:CI {name: key}) RETURN n
  UNION
  MATCH (n:Service {name: key}) RETURN n
  UNION
  MATCH (n:Entity {id: key}) RETURN n
}
RETURN key, n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels
ORDER BY key, name, id
