// OR001: keys assembled at run time from pieces written in the file.
const PREFIX = "sk-or-v1-";
const HEX = "{{HEX}}";

export const joined = [PREFIX, HEX].join("");  // expect: OR001
export const concatenated = PREFIX.concat(HEX);  // expect: OR001
export const template = `${PREFIX}${HEX}`;  // expect: OR001
export const added = PREFIX + HEX;  // expect: OR001

// Not keys: an unknown piece, a different separator.
export const unknown = PREFIX + process.argv[2];
export const spaced = [PREFIX, HEX].join(" ");
