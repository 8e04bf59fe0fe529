//! Recognising OpenRouter URLs.

/// OpenRouter's hosts: the global one and the in-region ones.
const HOSTS: [&str; 4] = [
    "openrouter.ai",
    "www.openrouter.ai",
    "eu.openrouter.ai",
    "us.openrouter.ai",
];

/// Paths (relative to the API base) that take an inference request.
const INFERENCE_PATHS: [&str; 5] = [
    "/chat/completions",
    "/completions",
    "/responses",
    "/messages",
    // Embeddings send the text to a provider too, routed as completions are.
    "/embeddings",
];

/// Host and path of an absolute `http(s)://` URL (or a protocol-relative `//host/path`).
fn split(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split_once(':').map_or(host, |(h, _)| h);
    Some((host, &rest[end..]))
}

/// True for a URL on an OpenRouter host (any path).
pub fn is_openrouter(url: &str) -> bool {
    split(url).is_some_and(|(host, _)| HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h)))
}

/// True when `path` (a full URL's path or a path relative to a base URL) ends in an
/// inference route.
pub fn is_inference_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = path.trim_end_matches('/');
    INFERENCE_PATHS.iter().any(|p| path.ends_with(p))
}

/// True for a full URL of an OpenRouter inference route.
pub fn is_openrouter_inference(url: &str) -> bool {
    match split(url) {
        Some((host, path)) => {
            HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h)) && is_inference_path(path)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_routes() {
        assert!(is_openrouter("https://openrouter.ai/api/v1"));
        assert!(is_openrouter("https://eu.openrouter.ai/api/v1"));
        assert!(is_openrouter("https://us.openrouter.ai/api"));
        assert!(!is_openrouter("https://openrouter.ai.evil.com/api/v1"));
        assert!(!is_openrouter("https://api.openai.com/v1"));
        assert!(!is_openrouter("openrouter.ai/api/v1"));
        assert!(is_openrouter_inference(
            "https://openrouter.ai/api/v1/chat/completions"
        ));
        assert!(is_openrouter_inference(
            "https://openrouter.ai/api/v1/responses/"
        ));
        assert!(is_openrouter_inference(
            "https://openrouter.ai/api/v1/messages?beta=true"
        ));
        assert!(!is_openrouter_inference(
            "https://openrouter.ai/api/v1/models"
        ));
        assert!(!is_openrouter_inference(
            "https://openrouter.ai/api/v1/auth/key"
        ));
        assert!(is_inference_path("/chat/completions"));
        // Embeddings send text to a provider, routed by `provider` as completions are.
        assert!(is_inference_path("/embeddings"));
        assert!(!is_inference_path("/embeddings/models"));
    }
}
