// OR001: keys assembled in template literals from a constant prefix.
const P = "sk-or-v1-";
export const inTemplate = `${P}{{HEX}}`;  // expect: OR001
