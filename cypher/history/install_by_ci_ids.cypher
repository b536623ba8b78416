// install/by_ci_ids as of $asOf: each CI's installations then (the HAS_INSTALLED edges
// valid then, with their properties of then). Same rows, same order.
UNWIND $ids AS id
MATCH (:Timeline {id: id})-[i:WAS_HAS_INSTALLED]->(tp:Timeline)-[v:STATE]->(p)
  WHERE i.validFrom <= $asOf AND coalesce(i.validTo > $asOf, true) AND v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN id, i {.*, validFrom: null, validTo: null, ciId: id, productId: tp.id} AS installation
ORDER BY id, p.key
