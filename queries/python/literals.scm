; Run only when a rule needs model-id-shaped literals (OR004 in a regulated file): every
; string is a capture, and most files never need them.
; String literals, for model-id-shaped constants (`FREE_MODEL = "vendor/model:free"`).
(string) @string
