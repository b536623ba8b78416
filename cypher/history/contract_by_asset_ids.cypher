// contract/by_asset_ids as of $asOf: the contracts covering each asset then.
UNWIND $ids AS id
MATCH (:Timeline {id: id})-[r:WAS_COVERED_BY]->(:Timeline)-[v:STATE]->(c)
  WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true) AND v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN id, c {.*, labels: c._labels, _labels: null} AS contract
ORDER BY id, contract.endDate, contract.number
