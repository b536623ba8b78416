// The ids of the nodes the demo's ITAM part refers to, by natural key; what is absent is
// created by demo/upsert_nodes with a new id. A CI's key is "ciClass:name".
UNWIND $cis AS k
MATCH (n:CI {ciClass: k.ciClass, name: k.name})
RETURN 'CI' AS label, k.ciClass + ':' + k.name AS key, n.id AS id
UNION ALL
UNWIND $vendors AS k
MATCH (n:Vendor {name: k})
RETURN 'Vendor' AS label, k AS key, n.id AS id
UNION ALL
UNWIND $locations AS k
MATCH (n:Location {name: k})
RETURN 'Location' AS label, k AS key, n.id AS id
UNION ALL
UNWIND $people AS k
MATCH (n:Person {email: k})
RETURN 'Person' AS label, k AS key, n.id AS id
UNION ALL
UNWIND $assets AS k
MATCH (n:Asset {assetTag: k})
RETURN 'Asset' AS label, k AS key, n.id AS id
UNION ALL
UNWIND $contracts AS k
MATCH (n:Contract {number: k})
RETURN 'Contract' AS label, k AS key, n.id AS id
UNION ALL
UNWIND $products AS k
MATCH (n:SoftwareProduct {key: k})
RETURN 'SoftwareProduct' AS label, k AS key, n.id AS id
UNION ALL
// licences have no natural key: the demo's are known by name (the first one, if several)
UNWIND $licenses AS k
MATCH (n:License {name: k})
WITH k, min(n.id) AS id
RETURN 'License' AS label, k AS key, id
