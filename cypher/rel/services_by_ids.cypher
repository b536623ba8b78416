UNWIND $ids AS id
MATCH (c:Entity {id: id})
MATCH (c) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){1,25} (s:Service)
WITH DISTINCT id, s
RETURN id, s {.*, labels: labels(s)} AS service
ORDER BY id, service.name
