; Class fields in TypeScript: `private client = new OpenAI(...)` in a class body. (The
; JavaScript grammar calls these `field_definition`; see queries/javascript/fields.scm.)
(public_field_definition
  name: (property_identifier)
  value: (_)) @member

; Abstract classes exist only in TypeScript.
(abstract_class_declaration) @class
