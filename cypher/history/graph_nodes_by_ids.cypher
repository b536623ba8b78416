// graph/nodes_by_ids as of $asOf (db/history.py): the version valid then.
UNWIND $ids AS id
MATCH (:Timeline {id: id})-[v:STATE]->(n)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN n {.id, .name, .status, labels: n._labels} AS node
