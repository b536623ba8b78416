// The numbers that exist among $numbers.
UNWIND $numbers AS number
MATCH (n:Contract {number: number})
RETURN n.number AS number
