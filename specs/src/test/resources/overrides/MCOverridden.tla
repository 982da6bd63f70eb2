---- MODULE MCOverridden ----
EXTENDS Naturals, Overridden
VARIABLE x
Init == x = 1
Next == x < 4 /\ x' = x + 1
UsesOverride == Twice(x) = x + x
====
