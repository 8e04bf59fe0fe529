; String literals joined with `+`: "sk-or-v1-" + '3f9a...' + `...` (template literals count
; only without substitutions). Rust keeps the outermost `+` of a chain and flattens it.
(binary_expression
  operator: "+") @concatenation
