// Queue work for the impact evaluator: a node created, nothing locked, so writers never
// wait for each other here. Kind CIS: the CIs whose alerts changed in one payload
// ($ids); kind SUSPECTS: incidents whose root-cause candidates are to be searched ($ids).
CREATE (w:ImpactWork {id: randomUUID(), kind: $kind, ids: $ids, at: $at})
RETURN w.id AS id
