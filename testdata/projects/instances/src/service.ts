import axios, { AxiosInstance } from "axios";

export class OpenRouterService {
  private http: AxiosInstance;

  constructor(private baseUrl: string = "https://openrouter.ai/api/v1") {
    this.http = axios.create({ baseURL: baseUrl });
  }

  chat(body: object) {
    return this.http.post("/chat/completions", body); // expect: OR005
  }
}
