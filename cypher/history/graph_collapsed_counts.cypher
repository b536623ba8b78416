// graph/collapsed_counts as of $asOf: the same counts over the history edges valid then
// (lifecycle events and installations are versioned like every relationship between
// entities). Same rows.
UNWIND $ids AS id
MATCH (n:Timeline {id: id})
WITH n,
     COUNT { (n)-[r:WAS_HAD]->() WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true) }
       AS events,
     [(n)-[r:WAS_HAS_INSTALLED]->(p)
        WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
      | COUNT { (p)<-[s:WAS_HAS_INSTALLED]-()
                WHERE s.validFrom <= $asOf AND coalesce(s.validTo > $asOf, true) }] AS installs,
     COUNT { (n)<-[r:WAS_HAS_INSTALLED]-()
             WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true) } AS installedOn
WHERE events > 0 OR size(installs) > 0 OR installedOn > 0
RETURN n.id AS id, events, size(installs) AS packages,
       reduce(widest = 0, c IN installs | CASE WHEN c > widest THEN c ELSE widest END) AS widest,
       installedOn
