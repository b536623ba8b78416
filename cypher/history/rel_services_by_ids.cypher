// rel/services_by_ids as of $asOf: the same walk up the needs over the history edges
// valid then, to the services in their version of then. Same rows, same order.
UNWIND $ids AS id
MATCH (c:Timeline {id: id})
MATCH (c) ((y)-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON|WAS_MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'WAS_MEMBER_OF' THEN startNode(r) = y
                                                  ELSE startNode(r) = x END
             AND r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)){1,25} (t:Timeline)
WITH DISTINCT id, t
MATCH (t)-[v:STATE]->(s)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true) AND 'Service' IN s._labels
RETURN id, s {.*, labels: s._labels, _labels: null} AS service
ORDER BY id, service.name
