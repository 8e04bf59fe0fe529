// A bare specifier names the package, never a project file.
import { client } from "fake-sdk/client.js";

export const ask = (messages) => client.chat.completions.create({ model: "m", messages });
