---- MODULE MCSlow ----
(* An unbounded state space: TLC never finishes, so the runner's timeout must stop it. *)
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = x + 1 /\ UNCHANGED y
        \/ y' = y + 1 /\ UNCHANGED x
====
