import { PUBLIC_OPENROUTER_API_KEY } from "$env/static/public"; // expect: OR011

export const key = PUBLIC_OPENROUTER_API_KEY; // expect: OR011
