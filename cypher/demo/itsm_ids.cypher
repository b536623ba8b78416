// Ids of what the demo's ITSM history refers to: its incidents and changes (by demoKey,
// with their numbers), the CIs ("ciClass:name") and services (by name) they touch.
UNWIND $records AS k
MATCH (n:Incident|Change {demoKey: k})
RETURN 'record' AS kind, k AS key, n.id AS id, n.number AS number
UNION ALL
UNWIND $cis AS k
MATCH (n:CI {ciClass: k.ciClass, name: k.name})
RETURN 'ci' AS kind, k.ciClass + ':' + k.name AS key, n.id AS id, null AS number
UNION ALL
UNWIND $services AS k
MATCH (n:Service {name: k})
RETURN 'service' AS kind, 'Service:' + k AS key, n.id AS id, null AS number
