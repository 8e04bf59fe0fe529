// OR001 in TSX: keys in JSX attributes and text.
export function Settings() {
  return (
    <form>
      <input name="key" defaultValue="{{KEY}}" /> {/* expect: OR001 */}
      <p>{"sk-or-v1-" + "{{HEX}}"}</p> {/* expect: OR001 */}
      <p>Paste your key, e.g. sk-or-v1-...</p>
    </form>
  );
}
