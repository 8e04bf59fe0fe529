; Candidate nodes for the request model (src/model). Rust reads the fields of each node,
; lowers what matters into the language-neutral IR, and decides what is a request site.

; Calls and constructor calls: `fetch(...)`, `client.chat.completions.create(...)`,
; `new ChatOpenAI(...)`. Rust keeps those ending in a name listed in src/model/sites.rs.
(call_expression
  function: [(identifier) (member_expression) (parenthesized_expression)]) @call
(new_expression
  constructor: [(identifier) (member_expression)]) @call

; Bindings: `const x = ...`, `x = ...`, `this.client = ...`.
(variable_declarator
  name: [(identifier) (object_pattern) (array_pattern)]
  value: (_)) @binding
(assignment_expression
  left: [(identifier) (member_expression)]
  right: (_)) @binding

; Functions, whose parameters shadow outer names.
[
  (function_declaration)
  (function_expression)
  (arrow_function)
  (method_definition)
  (generator_function_declaration)
  (generator_function)
] @function

; What functions return: factories (`export function getClient() { return new OpenAI(...) }`).
(return_statement) @return

; Exports: `export const x`, `export default …`, `export { a as b } from "./m"`.
(export_statement) @export

(import_statement) @import

; In-place changes to an object: `body.provider = ...`, `body["provider"] = ...`,
; `Object.assign(body, ...)`.
(assignment_expression
  left: [(member_expression) (subscript_expression)]) @mutation
(unary_expression
  operator: "delete"
  argument: [(member_expression) (subscript_expression)]) @mutation
((call_expression
  function: (member_expression
    object: (identifier) @_object
    property: (property_identifier) @_method)
  arguments: (arguments . (identifier)))
  (#eq? @_object "Object")
  (#eq? @_method "assign")) @mutation

; Classes, for `this.x` and class fields.
[(class_declaration) (class)] @class
