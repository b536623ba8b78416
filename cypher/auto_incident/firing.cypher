// Which of these alerts still fire (one row, the fingerprints collected).
UNWIND $fingerprints AS fp
MATCH (a:Alert {fingerprint: fp})
WHERE a.state = $firing
RETURN collect(fp) AS fingerprints
