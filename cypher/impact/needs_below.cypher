// One level of a downward walk, by element id (valid within the walk's one transaction:
// no index look-up, no id read per node): what each of $ids needs (DEPENDS_ON, RUNS_ON,
// HOSTED_ON outwards; a cluster its members), as compact rows [dependent, dependency,
// type, kind, the dependency's status when it is a CI in one of $failed, else null].
// No node maps: the walk of an evaluator pass reads properties only for what lies above
// a failed CI (``services/failure_region``). One record per level.
UNWIND $ids AS eid
MATCH (x:Entity) WHERE elementId(x) = eid
MATCH (x)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(y)
  WHERE (type(r) = 'MEMBER_OF') = (endNode(r) = x)
RETURN collect([
  eid, elementId(y), type(r), coalesce(r.kind, 'hard'),
  CASE WHEN y:CI AND y.status IN $failed THEN y.status END
]) AS rows
