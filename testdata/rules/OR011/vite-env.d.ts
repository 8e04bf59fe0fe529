interface ImportMetaEnv {
  readonly VITE_OPENROUTER_API_KEY: string;
}
