-- Schema 7 is reserved for the screening lane of issue 12 (its scales and answers). This empty
-- placeholder only keeps the numbers 1..n on a branch that does not have it yet; it is replaced by
-- the screening migration of the same number when the branches meet, and never released.
SELECT 1;
