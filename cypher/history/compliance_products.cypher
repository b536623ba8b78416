// compliance/products as of $asOf: the products of every family that had a license then,
// with the licenses, installations and people of then (versions and WAS_<TYPE> edges
// valid at $asOf). Same rows, same order. Scans the versions of licenses (no index on
// time), as the as-of lists do.
MATCH (tl:Timeline)-[lv:STATE]->(l:State)
  WHERE lv.validFrom <= $asOf AND coalesce(lv.validTo > $asOf, true)
    AND 'License' IN l._labels
MATCH (tl)-[f:WAS_FOR]->(:Timeline)-[fv:STATE]->(lp:State)
  WHERE f.validFrom <= $asOf AND coalesce(f.validTo > $asOf, true)
    AND fv.validFrom <= $asOf AND coalesce(fv.validTo > $asOf, true)
WITH DISTINCT lp.family AS family
MATCH (t:Timeline)-[v:STATE]->(p:State)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
    AND 'SoftwareProduct' IN p._labels AND p.family = family
RETURN p {.*, labels: p._labels, _labels: null} AS product,
       COLLECT {
         MATCH (t)<-[f:WAS_FOR]-(:Timeline)-[lv:STATE]->(l:State)
           WHERE f.validFrom <= $asOf AND coalesce(f.validTo > $asOf, true)
             AND lv.validFrom <= $asOf AND coalesce(lv.validTo > $asOf, true)
             AND 'License' IN l._labels
         RETURN l {.id, .metric, .quantity, .unitCost, .currency, .downgradable,
                   productId: p.id}
       } AS licenses,
       COLLECT {
         MATCH (t)<-[h:WAS_HAS_INSTALLED]-(tc:Timeline)-[cv:STATE]->(ci:State)
           WHERE h.validFrom <= $asOf AND coalesce(h.validTo > $asOf, true)
             AND cv.validFrom <= $asOf AND coalesce(cv.validTo > $asOf, true)
             AND 'CI' IN ci._labels
         RETURN {ciId: ci.id, ciName: ci.name, cores: ci.cores,
                 personIds: COLLECT {
                   MATCH (tc)<-[tr:WAS_TRACKS]-(:Timeline)-[at:WAS_ASSIGNED_TO]->(pe:Timeline)
                   WHERE tr.validFrom <= $asOf AND coalesce(tr.validTo > $asOf, true)
                     AND at.validFrom <= $asOf AND coalesce(at.validTo > $asOf, true)
                   RETURN pe.id
                 }}
       } AS installs
ORDER BY p.key
