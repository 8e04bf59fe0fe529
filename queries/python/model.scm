; Candidate nodes for the request model (src/model). Rust reads the fields of each node,
; lowers what matters into the language-neutral IR, and decides what is a request site.

; Calls whose callee is a name or an attribute chain: `completion(...)`, `client.chat.completions.create(...)`.
; Rust keeps those ending in a name listed in src/model/sites.rs (CANDIDATE_NAMES).
(call
  function: [(identifier) (attribute)]) @call

; Bindings: `x = ...`, `self.client = ...`, `openai.api_base = ...`, `(x := ...)`,
; `with OpenRouter(...) as client:`.
(assignment
  left: [(identifier) (attribute)]
  right: (_)) @binding
(named_expression) @binding
(with_item
  value: (as_pattern
    alias: (as_pattern_target (identifier)))) @binding

; Functions, whose parameters shadow outer names.
(function_definition
  parameters: (parameters)) @function
(lambda
  parameters: (lambda_parameters)) @function

(import_statement) @import
(import_from_statement) @import

; In-place changes to an object: `params["extra_body"] = ...`, `params.update(...)`.
(assignment
  left: (subscript
    value: (identifier))) @mutation
(augmented_assignment
  left: (identifier)) @mutation
((call
  function: (attribute
    object: (identifier)
    attribute: (identifier) @_method))
  (#any-of? @_method "update" "setdefault" "__setitem__")) @mutation

; Classes, for `self.x` and class attributes.
(class_definition) @class
