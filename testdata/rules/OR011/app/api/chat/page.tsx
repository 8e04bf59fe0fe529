"use client";
// A page beside an API route is browser code.
export const key = process.env.NEXT_PUBLIC_OPENROUTER_API_KEY; // expect: OR011
