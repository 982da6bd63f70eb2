---- MODULE MCBroken ----
EXTENDS Naturals
VARIABLE x
Init == x =
Next == x' = x + 1
====
