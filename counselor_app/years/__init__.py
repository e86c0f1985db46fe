"""School years (学年): which one a day or a term belongs to, and the names of the grades."""
