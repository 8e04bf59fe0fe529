; Every comment, line and block (also inside JSX): inline suppressions
; (`// orlint: ignore[...]`) are read from these.
(comment) @comment
