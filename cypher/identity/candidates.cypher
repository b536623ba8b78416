// For each item (a row, a device), every CI one of its identity keys or asset tags
// finds, and the CI of its class that has its exact name (which a new CI cannot take),
// with what identification and planning read: its properties, the tags of the assets
// tracking it and the classes of the other CIs named as it is (a class correction
// cannot take a name; read for every candidate: the planner remembers a CI for later
// rows, which may be of another class); and the untracked assets its tags
// name (a new CI is linked to one), and a person's decision about it when it was
// ambiguous before (a resolved reconciliation task). Index look-ups only. Times no row
// gives are left out (createdAt as text, for the oldest-first order): cheaper to read,
// and the answer holds no temporal value (read raw, without a conversion pass). A
// candidate is its properties as they are (`props`, taken whole as the stored values)
// next to what is read about it. A resolved task is looked up by its key (unique): the
// state index alone would walk every resolved task for every item.
// One row for the whole batch: a record per item costs the driver more than the query.
UNWIND $items AS item
OPTIONAL CALL (item) {
  UNWIND item.keys AS key
  MATCH (:IdentityKey {key: key})-[:IDENTIFIES]->(c:CI)
  RETURN c
  UNION
  UNWIND item.tags AS tag
  MATCH (a:Asset {assetTag: tag})-[:TRACKS]->(c:CI)
  RETURN c
  UNION
  MATCH (c:CI {ciClass: item.ciClass, name: item.name})
  RETURN c
}
WITH item, collect(DISTINCT c) AS found
WITH item.idx AS idx,
       [c IN found | {
          props: c {.*, createdAt: toString(c.createdAt), updatedAt: null, firstSeen: null,
                    lastSeen: null},
          namesakes: COLLECT { MATCH (o:CI {name: c.name}) WHERE o <> c RETURN o.ciClass },
          assetTags: [(a:Asset)-[:TRACKS]->(c) | a.assetTag]}] AS candidates,
       COLLECT { UNWIND item.tags AS tag
                 MATCH (a:Asset {assetTag: tag})
                 WHERE NOT EXISTS { (a)-[:TRACKS]->(:CI) }
                 RETURN DISTINCT a.id } AS freeAssets,
       COLLECT { MATCH (t:ReconciliationTask {key: item.task})
                 USING INDEX t:ReconciliationTask(key)
                 WHERE t.state = 'RESOLVED'
                 RETURN t {.resolution, .resolvedCiId} } AS pins
ORDER BY idx
RETURN collect({idx: idx, candidates: candidates, freeAssets: freeAssets, pins: pins}) AS items
