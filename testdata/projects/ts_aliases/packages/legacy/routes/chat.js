import axios from "axios";
import { OPENROUTER_URL } from "#lib/llm";

export const chat = (messages) => axios.post(OPENROUTER_URL, { model: "m", messages }); // expect: OR003, OR005
