"""The Pemda and its organisation: Pemda settings (name, zone, logo), the OPD tree, memberships and
roles, and the visibility helpers every other app asks (``visible_opds(user)``, ``has_global_role``).
It imports no other app of ours; everything else builds on it."""
