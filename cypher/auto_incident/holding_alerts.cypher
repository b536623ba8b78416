// The alerts holding each of these CIs at a status now (what an incident links to).
UNWIND $ids AS id
MATCH (a:Alert {ciId: id})
WHERE a.holds IS NOT NULL
RETURN id, a.fingerprint AS fingerprint
ORDER BY id, fingerprint
