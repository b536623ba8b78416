// incident/failed_items with each incident's records of its moment (row.at: when it
// opened, services/itsm_common.topology_moments): each CI it AFFECTS (the record, today's
// edges) in its version of then, the asset that tracked it then, that asset's
// support-type contracts and their vendors then. A CI without a version then (retention
// dropped it) has no row. Same columns, same order.
UNWIND $rows AS row
MATCH (i:Incident {id: row.id})-[:AFFECTS]->(present:CI)
MATCH (tc:Timeline {id: present.id})-[cv:STATE]->(c)
  WHERE cv.validFrom <= row.at AND coalesce(cv.validTo > row.at, true)
OPTIONAL MATCH (ta:Timeline)-[tr:WAS_TRACKS]->(tc)
  WHERE tr.validFrom <= row.at AND coalesce(tr.validTo > row.at, true)
OPTIONAL MATCH (ta)-[av:STATE]->(a)
  WHERE av.validFrom <= row.at AND coalesce(av.validTo > row.at, true)
CALL (ta, a, row) {
  OPTIONAL MATCH (ta)-[cb:WAS_COVERED_BY]->(tk:Timeline)-[kv:STATE]->(k)
    WHERE a IS NOT NULL
      AND cb.validFrom <= row.at AND coalesce(cb.validTo > row.at, true)
      AND kv.validFrom <= row.at AND coalesce(kv.validTo > row.at, true)
      AND k.kind IN $kinds
  OPTIONAL MATCH (tk)-[w:WAS_WITH]->(:Timeline)-[vv:STATE]->(v)
    WHERE w.validFrom <= row.at AND coalesce(w.validTo > row.at, true)
      AND vv.validFrom <= row.at AND coalesce(vv.validTo > row.at, true)
  RETURN collect(k {.*, labels: k._labels, _labels: null,
                    vendor: v {.*, labels: v._labels, _labels: null}}) AS contracts
}
RETURN row.id AS id, i.openedAt AS openedAt, c {.*, labels: c._labels, _labels: null} AS ci,
       a {.*, labels: a._labels, _labels: null} AS asset, contracts
ORDER BY id, ci.name, ci.id
