// One level of an upward walk, ids only: what needs each of $ids (DEPENDS_ON, RUNS_ON,
// HOSTED_ON inwards; a member its clusters), as compact rows [dependent, dependency,
// type, kind]. For a region that is only counted (a root-cause search ranks candidates
// by how much lies above them): no node maps. A frontier, not a quantified path: from
// many start nodes a path pattern walks once per start. One record per level.
UNWIND $ids AS id
MATCH (y:Entity {id: id})
CALL (y) {
  MATCH (y)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(x)
  RETURN x, type(r) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (y)-[:MEMBER_OF]->(x)
  RETURN x, 'MEMBER_OF' AS type, 'hard' AS kind
}
RETURN collect([x.id, id, type, kind]) AS rows
