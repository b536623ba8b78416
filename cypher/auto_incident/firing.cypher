// Which of these alerts still fire.
UNWIND $fingerprints AS fp
MATCH (a:Alert {fingerprint: fp})
WHERE a.state = $firing
RETURN fp AS fingerprint
