// The names of the logical CIs (applications, databases, clusters): the duplicate report
// groups those that differ only in blanks and punctuation (discovery/duplicates.py).
MATCH (c:CI)
WHERE c.ciClass IN $classes AND c.name IS NOT NULL
RETURN c.id AS id, c.ciClass AS ciClass, c.name AS name
