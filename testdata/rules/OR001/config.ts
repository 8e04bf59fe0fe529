// OR001 in TypeScript: typed constants, `as const`, enums, class fields.
export const OPENROUTER_KEY: string = "{{KEY}}"; // expect: OR001
export const settings = { apiKey: "{{KEY2}}" } as const; // expect: OR001

enum Keys {
  Primary = "{{KEY}}", // expect: OR001
}

class Client {
  private readonly key = "sk-or-v1-" + "{{HEX}}"; // expect: OR001
  private cast = <string>"{{KEY}}"; // expect: OR001
}

const fine: string = process.env.OPENROUTER_API_KEY!;
