// graph/neighbours as of $asOf: history edges valid then, ends in their version then.
UNWIND $ids AS id
MATCH (a:Timeline {id: id})-[r]-(b:Timeline)
  WHERE substring(type(r), 4) IN $types AND r.validFrom <= $asOf
    AND coalesce(r.validTo > $asOf, true)
MATCH (b)-[v:STATE]->(s)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN DISTINCT r.id AS relId, elementId(r) AS elementId, startNode(r).id AS source,
       endNode(r).id AS target, substring(type(r), 4) AS type, r.kind AS kind,
       s {.id, .name, .status, labels: s._labels} AS node
LIMIT $limit
