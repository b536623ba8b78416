// graph/shortest_path as of $asOf: one shortest undirected path over the history edges
// valid then (WAS_<TYPE> between Timelines), its nodes in their versions of then.
MATCH (a:Timeline {id: $fromId}), (b:Timeline {id: $toId})
MATCH p = SHORTEST 1 (a)-[r WHERE type(r) STARTS WITH 'WAS_'
                              AND substring(type(r), 4) IN $types
                              AND r.validFrom <= $asOf
                              AND coalesce(r.validTo > $asOf, true)]-{1,12}(b)
WHERE length(p) <= $maxHops
RETURN [t IN nodes(p) | head(COLLECT {
          MATCH (t)-[v:STATE]->(s)
            WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
          RETURN s {.id, .name, .status, labels: s._labels}
        })] AS nodes,
       [r IN relationships(p) | {relId: r.id, elementId: elementId(r), source: startNode(r).id,
        target: endNode(r).id, type: substring(type(r), 4), kind: r.kind}] AS edges
