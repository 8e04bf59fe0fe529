; Candidate nodes for the request model (src/model). Rust reads the fields of each node,
; lowers what matters into the language-neutral IR, and decides what is a request site.

; Calls whose callee is a name or an attribute chain: `completion(...)`, `client.chat.completions.create(...)`,
; or a parenthesised fallback: `(client or default_client)(...)`. Rust keeps those ending in a name
; listed in src/model/sites.rs (CANDIDATE_NAMES) or starting with a name the file binds.
(call
  function: [(identifier) (attribute) (parenthesized_expression)]) @call

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
(lambda) @function

; What functions return: factories (`def get_client(): return OpenAI(...)`).
(return_statement) @return

(import_statement) @import
(import_from_statement) @import

; In-place changes to an object: `params["extra_body"] = ...`, `body["provider"]["order"] = ...`,
; `params.update(...)`, `params |= {...}`, `del params["provider"]`.
(assignment
  left: (subscript)) @mutation
(augmented_assignment
  left: (identifier)) @mutation
(delete_statement
  (subscript)) @mutation
((call
  function: (attribute
    object: (identifier)
    attribute: (identifier) @_method))
  (#any-of? @_method "update" "setdefault" "__setitem__")) @mutation

; Classes, for `self.x` and class attributes.
(class_definition) @class
