// asset/by_ci_ids as of $asOf: the asset that tracked each CI then, in its version of then.
UNWIND $ids AS id
MATCH (:Timeline {id: id})<-[r:WAS_TRACKS]-(:Timeline)-[v:STATE]->(a)
  WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true) AND v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN id, a {.*, labels: a._labels, _labels: null} AS asset
