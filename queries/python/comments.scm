; Every comment: inline suppressions (`# orlint: ignore[...]`) are read from these.
(comment) @comment
