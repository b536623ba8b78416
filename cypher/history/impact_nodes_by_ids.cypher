// impact/nodes_by_ids as of $asOf.
UNWIND $ids AS id
MATCH (t:Timeline {id: id})-[v:STATE]->(n)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN n {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable,
          labels: n._labels,
          memberCount: CASE WHEN 'Cluster' IN n._labels
            THEN COUNT { (t)<-[m:WAS_MEMBER_OF]-() WHERE m.validFrom <= $asOf
                                                    AND coalesce(m.validTo > $asOf, true) }
            ELSE 0 END} AS node
