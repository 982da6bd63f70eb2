---- MODULE MCToy ----
EXTENDS Toy
MCNode == {"n1", "n2"}
====
