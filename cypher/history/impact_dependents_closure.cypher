// impact/dependents_closure as of $asOf: the same pruning walk over the history edges
// valid then, and the same compact row per node, read from its version valid then.
// A node without one (retention dropped it) has no row, but the walk, which cannot test
// that and stay pruning, goes on through it: services/impact_fetch keeps only the rows
// the needs reach, as the level-by-level twin, which stops there.
MATCH (s:Timeline) WHERE s.id IN $ids
MATCH (s)((a)-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON|WAS_MEMBER_OF]-(b)
          WHERE (type(r) = 'WAS_MEMBER_OF') = (startNode(r) = a)
            AND r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true))*(x)
WITH DISTINCT x
MATCH (x)-[v:STATE]->(n)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN collect([
  x.id, n.name, n._labels, n.criticality, n.users, n.slaTarget, n.owner, n.minAvailable,
  CASE WHEN 'Cluster' IN n._labels
    THEN COUNT { (x)<-[m:WAS_MEMBER_OF]-() WHERE m.validFrom <= $asOf
                                            AND coalesce(m.validTo > $asOf, true) }
    ELSE 0 END,
  COLLECT {
    MATCH (x)<-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON]-(d)-[dv:STATE]->()
      WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
        AND dv.validFrom <= $asOf AND coalesce(dv.validTo > $asOf, true)
    RETURN [d.id, substring(type(r), 4), coalesce(r.kind, 'hard')] AS e
    UNION ALL
    MATCH (x)-[r:WAS_MEMBER_OF]->(d)-[dv:STATE]->()
      WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
        AND dv.validFrom <= $asOf AND coalesce(dv.validTo > $asOf, true)
    RETURN [d.id, 'MEMBER_OF', 'hard'] AS e
  }
]) AS closure
