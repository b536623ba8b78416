// node/get_by_ids as of $asOf.
UNWIND $ids AS id
MATCH (:Timeline {id: id})-[v:STATE]->(n)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN n {.*, labels: n._labels, _labels: null} AS node
