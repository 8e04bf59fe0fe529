; String literals joined at compile time. Rust keeps only the outermost node of a chain and
; flattens it, so `"a" "b" + "c"` becomes one run of three pieces.

; Adjacent literals: "sk-or-v1-" "3f9a..."
(concatenated_string) @concatenation

; "sk-or-v1-" + "3f9a..."
(binary_operator
  operator: "+") @concatenation
