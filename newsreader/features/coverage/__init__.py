"""Coverage at a glance: who covered a story, who did not, who published when, who took text."""
