---- MODULE Overridden ----
(* Twice is implemented in Java (dev.lockstep.tlc.fixture.TwiceOverride); the body below only *)
(* runs when the override is not on TLC's class path, and then it fails loudly.              *)
EXTENDS TLC
Twice(n) == Assert(FALSE, "override missing: Twice")
====
