// Retention: versions that ended before $before and held at none of the $anchors go.
MATCH (:Timeline)-[v:STATE]->(s:State)
  WHERE v.validTo IS NOT NULL AND v.validTo <= $before
    AND none(a IN $anchors WHERE v.validFrom <= a AND v.validTo > a)
CALL (s) { DETACH DELETE s } IN TRANSACTIONS OF 10000 ROWS
