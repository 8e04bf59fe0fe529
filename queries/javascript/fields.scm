; Class fields in JavaScript: `client = new OpenAI(...)` in a class body.
(field_definition
  property: (property_identifier)
  value: (_)) @member
