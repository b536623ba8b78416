// asset/links_by_ids as of $asOf: the CI an asset tracked, who held it and where it was
// then (each at most one), in their versions of then; no row for an asset absent then.
UNWIND $ids AS id
MATCH (t:Timeline {id: id})-[av:STATE]->()
  WHERE av.validFrom <= $asOf AND coalesce(av.validTo > $asOf, true)
OPTIONAL MATCH (t)-[r1:WAS_TRACKS]->(:Timeline)-[v1:STATE]->(c)
  WHERE r1.validFrom <= $asOf AND coalesce(r1.validTo > $asOf, true) AND v1.validFrom <= $asOf AND coalesce(v1.validTo > $asOf, true)
OPTIONAL MATCH (t)-[r2:WAS_ASSIGNED_TO]->(:Timeline)-[v2:STATE]->(p)
  WHERE r2.validFrom <= $asOf AND coalesce(r2.validTo > $asOf, true) AND v2.validFrom <= $asOf AND coalesce(v2.validTo > $asOf, true)
OPTIONAL MATCH (t)-[r3:WAS_LOCATED_AT]->(:Timeline)-[v3:STATE]->(l)
  WHERE r3.validFrom <= $asOf AND coalesce(r3.validTo > $asOf, true) AND v3.validFrom <= $asOf AND coalesce(v3.validTo > $asOf, true)
RETURN id, c {.*, labels: c._labels, _labels: null} AS ci,
       p {.*, labels: p._labels, _labels: null} AS person,
       l {.*, labels: l._labels, _labels: null} AS location
