"""Rule kinds: each module holds one kind of check, configured by rules in YAML rulesets."""
