// Whether anything waits for the impact evaluator (its idle poll: no lock taken).
MATCH (w:ImpactWork)
RETURN w.id AS id
LIMIT 1
