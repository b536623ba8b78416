// Retention: relationship versions that ended before $before and held at no anchor go.
MATCH (:Timeline)-[w]->(:Timeline)
  WHERE w.validTo IS NOT NULL AND w.validTo <= $before
    AND none(a IN $anchors WHERE w.validFrom <= a AND w.validTo > a)
CALL (w) { DELETE w } IN TRANSACTIONS OF 10000 ROWS
