// contract/links_by_ids as of $asOf: a contract's vendor, the assets it covered and the
// licenses bought under it then; no row for a contract absent then.
UNWIND $ids AS id
MATCH (t:Timeline {id: id})-[nv:STATE]->()
  WHERE nv.validFrom <= $asOf AND coalesce(nv.validTo > $asOf, true)
OPTIONAL MATCH (t)-[w:WAS_WITH]->(:Timeline)-[vv:STATE]->(v)
  WHERE w.validFrom <= $asOf AND coalesce(w.validTo > $asOf, true) AND vv.validFrom <= $asOf AND coalesce(vv.validTo > $asOf, true)
RETURN id, v {.*, labels: v._labels, _labels: null} AS vendor,
       COLLECT { MATCH (t)<-[cb:WAS_COVERED_BY]-(:Timeline)-[av:STATE]->(a)
                 WHERE cb.validFrom <= $asOf AND coalesce(cb.validTo > $asOf, true) AND av.validFrom <= $asOf AND coalesce(av.validTo > $asOf, true)
                 RETURN a {.*, labels: a._labels, _labels: null} AS asset
                 ORDER BY a.assetTag } AS assets,
       COLLECT { MATCH (t)<-[u:WAS_UNDER]-(:Timeline)-[lv:STATE]->(l)
                 WHERE u.validFrom <= $asOf AND coalesce(u.validTo > $asOf, true) AND lv.validFrom <= $asOf AND coalesce(lv.validTo > $asOf, true)
                 RETURN l {.*, labels: l._labels, _labels: null} AS license
                 ORDER BY l.name } AS licenses
