// .jsx is parsed with the JavaScript grammar (which handles JSX).
export const Key = () => <code>{"{{KEY}}"}</code>; // expect: OR001
