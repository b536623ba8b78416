// The alerts holding each of these CIs at a status now (what an incident links to), in
// one row: [CI id, fingerprint] pairs (a row each would cost the driver a message each).
UNWIND $ids AS id
MATCH (a:Alert {ciId: id})
WHERE a.holds IS NOT NULL
RETURN collect([id, a.fingerprint]) AS pairs
