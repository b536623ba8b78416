UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE type(r) IN $types
RETURN DISTINCT r.id AS relId, elementId(r) AS elementId, startNode(r).id AS source,
       endNode(r).id AS target, type(r) AS type, r.kind AS kind,
       b {.id, .name, .status, labels: labels(b)} AS node
LIMIT $limit
