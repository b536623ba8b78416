// How many business services need each CI (to share its assets' cost among them).
UNWIND $ids AS id
MATCH (c:CI {id: id})
OPTIONAL MATCH (c) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){1,25} (s:Service)
RETURN id, count(DISTINCT s) AS services
