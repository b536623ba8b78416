// Open history edges at the named nodes whose present relationship is gone or changed
// get their validTo. A history edge's type is WAS_ + the relationship's type.
UNWIND $ids AS id
MATCH (:Timeline {id: id})-[w]-(:Timeline)
  WHERE w.validTo IS NULL
WITH DISTINCT w
WITH w, startNode(w).id AS a, endNode(w).id AS b, substring(type(w), 4) AS kind
OPTIONAL MATCH (:Entity {id: a})-[r:$(kind)]->(:Entity {id: b})
WITH w, collect(r) AS twins
WHERE none(r IN twins WHERE all(k IN keys(r) + keys(w) WHERE k IN $skip OR w[k] = r[k]))
SET w.validTo = $at
RETURN count(w) AS closed
