//! The language server's stdio transport: frames in, frames out, and nothing a client sends
//! can stop it.
//!
//! `lsp-server`'s own transport ends the connection on the first frame it cannot read (a
//! missing or non-numeric `Content-Length`, invalid JSON, a message of the wrong shape),
//! which kills the server. This one reads frames itself: a body that is not JSON is answered
//! with a parse error (-32700), JSON that is not a message with an invalid-request error
//! (-32600, with the request's id when it has a usable one), a header block without a usable
//! length is skipped with a line on stderr, and reading resumes at the next `Content-Length`
//! header. A length that runs past the end of its message into the next frame is noticed
//! there, so that the next frame is still read. Every frame written goes through the
//! redaction step ([`crate::redact`]).

use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam_channel::Receiver;
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::Value;

const HEADER: &[u8] = b"Content-Length:";
/// Header blocks longer than this are not headers.
const MAX_HEADERS: usize = 8 * 1024;

/// The threads of a transport; joined when the server stops.
pub struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl IoThreads {
    /// Waits for the writer to send what is queued. The reader is left alone: it may be
    /// blocked on a client that never closes its end.
    pub fn join(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A connection over `input` and `output`; messages larger than `max_message` bytes are
/// skipped (and their requests answered with an error).
pub fn connect<R, W>(input: R, output: W, max_message: usize) -> (Connection, IoThreads)
where
    R: Read + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let writer_output = Arc::clone(&output);
    let writer = thread::Builder::new()
        .name("orlint-lsp-writer".into())
        .spawn(move || write_all(&outgoing, &writer_output))
        .expect("a thread can be started");
    let reader = thread::Builder::new()
        .name("orlint-lsp-reader".into())
        .spawn(move || {
            let mut frames = Frames::new(input, max_message);
            while let Some(frame) = frames.next_frame() {
                match frame {
                    Frame::Message(message) => {
                        if incoming.send(message).is_err() {
                            return;
                        }
                    }
                    Frame::Reply(error) => write_frame(&output, &error),
                    Frame::Skipped(why) => {
                        crate::redact::eprint_line(&format!("orlint server: {why}"));
                    }
                }
            }
        })
        .expect("a thread can be started");
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        IoThreads { reader, writer },
    )
}

fn write_all<W: Write>(outgoing: &Receiver<Message>, output: &Mutex<W>) {
    for message in outgoing {
        let Ok(value) = serde_json::to_value(&message) else {
            continue;
        };
        let mut value = value;
        if let Value::Object(object) = &mut value {
            object.insert("jsonrpc".into(), Value::String("2.0".into()));
        }
        write_frame(output, &value);
    }
}

/// Writes one message, redacted, as one frame (the length counted after redaction).
fn write_frame<W: Write>(output: &Mutex<W>, message: &Value) {
    let Ok(body) = serde_json::to_vec(message) else {
        return;
    };
    let body = crate::redact::bytes(&body);
    let mut output = output.lock().unwrap_or_else(|e| e.into_inner());
    let written = write!(output, "Content-Length: {}\r\n\r\n", body.len())
        .and_then(|()| output.write_all(&body))
        .and_then(|()| output.flush());
    // A client that closed its input is gone; the main loop notices when input ends.
    drop(written);
}

/// What one frame of input turned out to be.
#[derive(Debug)]
enum Frame {
    Message(Message),
    /// An error response to send as it is (its id may be null).
    Reply(Value),
    /// Input that was not a frame, with why, for stderr.
    Skipped(String),
}

/// Frames read from a byte stream.
struct Frames {
    /// Chunks of input as they arrive (read on a thread of their own, so that waiting for a
    /// body can give up when the client has gone quiet).
    chunks: Receiver<Vec<u8>>,
    buffer: Vec<u8>,
    /// The input has ended: what is in the buffer is all there is.
    ended: bool,
    max_message: usize,
}

/// How long a body may stay incomplete, with the start of another frame already in view,
/// before the frame is taken to have lied about its length.
const IDLE: std::time::Duration = std::time::Duration::from_millis(500);

/// A length no message can have: the header is garbage, and reading resumes after it.
const ABSURD_LENGTH: usize = 1 << 32;

/// What waiting for input gave.
enum Filled {
    Data,
    Idle,
    Ended,
}

impl Frames {
    fn new<R: Read + Send + 'static>(mut input: R, max_message: usize) -> Self {
        let (sender, chunks) = crossbeam_channel::bounded::<Vec<u8>>(4);
        thread::Builder::new()
            .name("orlint-lsp-stdin".into())
            .spawn(move || {
                let mut chunk = vec![0u8; 64 * 1024];
                loop {
                    match input.read(&mut chunk) {
                        Ok(0) => return,
                        Ok(n) => {
                            if sender.send(chunk[..n].to_vec()).is_err() {
                                return;
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(_) => return,
                    }
                }
            })
            .expect("a thread can be started");
        Frames {
            chunks,
            buffer: Vec::new(),
            ended: false,
            max_message,
        }
    }

    /// Waits for more input (at most `patience`, when given).
    fn fill_within(&mut self, patience: Option<std::time::Duration>) -> Filled {
        if self.ended {
            return Filled::Ended;
        }
        let chunk = match patience {
            Some(patience) => match self.chunks.recv_timeout(patience) {
                Ok(chunk) => Some(chunk),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => return Filled::Idle,
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => None,
            },
            None => self.chunks.recv().ok(),
        };
        match chunk {
            Some(chunk) => {
                self.buffer.extend_from_slice(&chunk);
                Filled::Data
            }
            None => {
                self.ended = true;
                Filled::Ended
            }
        }
    }

    /// Reads more input; false at its end.
    fn fill(&mut self) -> bool {
        matches!(self.fill_within(None), Filled::Data)
    }

    /// The next frame, or `None` when the input has ended.
    fn next_frame(&mut self) -> Option<Frame> {
        loop {
            // Anything before a header block is not a frame (the rest of a body whose length
            // was too short, stray output of a broken client).
            let Some(start) = header_start(&self.buffer) else {
                // Keep a tail that may be the start of a header.
                let keep = self.buffer.len().min(HEADER.len() - 1);
                let dropped: Vec<u8> = self.buffer.drain(..self.buffer.len() - keep).collect();
                let more = self.fill();
                if !dropped.iter().all(u8::is_ascii_whitespace) {
                    return Some(skipped(dropped.len()));
                }
                if !more {
                    let rest = std::mem::take(&mut self.buffer);
                    return (!rest.iter().all(u8::is_ascii_whitespace))
                        .then(|| skipped(rest.len()));
                }
                continue;
            };
            if start > 0 {
                let dropped: Vec<u8> = self.buffer.drain(..start).collect();
                if !dropped.iter().all(u8::is_ascii_whitespace) {
                    return Some(skipped(dropped.len()));
                }
            }
            // The header block ends at an empty line.
            let Some((headers_end, body_start)) = header_end(&self.buffer) else {
                if self.buffer.len() > MAX_HEADERS {
                    self.buffer.drain(..HEADER.len());
                    return Some(Frame::Skipped("skipped an overlong header block".into()));
                }
                if !self.fill() {
                    self.buffer.clear();
                    return None;
                }
                continue;
            };
            let headers = &self.buffer[..headers_end];
            // A header line left without its blank line runs into the next frame's headers:
            // the last length is the frame's.
            let lengths = content_lengths(headers);
            let Some(&length) = lengths.last() else {
                self.buffer.drain(..body_start);
                return Some(Frame::Skipped(
                    "skipped a frame without a valid Content-Length".into(),
                ));
            };
            if length >= ABSURD_LENGTH {
                self.buffer.drain(..body_start);
                return Some(Frame::Skipped(format!(
                    "skipped a frame claiming {length} bytes"
                )));
            }
            if lengths.len() > 1 {
                // Drop the broken headers before the last length; the frame is read next time.
                let last = find_last(headers, HEADER).unwrap_or(0);
                self.buffer.drain(..last);
                return Some(Frame::Skipped("skipped a header without its body".into()));
            }
            if length > self.max_message {
                return Some(self.skip_body(body_start, length));
            }
            // Wait for the body, unless what has come shows the length runs past the end of
            // its message into the next frame.
            loop {
                // A body that starts like a header is none: the frame had no body (decided
                // once enough of it has come to tell).
                const NEXT: &[u8] = b"Content-";
                let available = &self.buffer[body_start..];
                if length == 0 {
                    break;
                }
                let shown = available.len().min(NEXT.len());
                let like_a_header = available[..shown] == NEXT[..shown];
                if like_a_header && shown == NEXT.len() {
                    self.buffer.drain(..body_start);
                    return Some(message_of(b""));
                }
                if !like_a_header && available.len() >= length {
                    break;
                }
                if let Some(end) = overrun(&self.buffer[body_start..]) {
                    return Some(self.take_body(body_start, end));
                }
                let patience = find(&self.buffer[body_start..], HEADER).map(|_| IDLE);
                match self.fill_within(patience) {
                    Filled::Data => {}
                    // Another frame is in view and the client has gone quiet: the length
                    // was wrong, and the body ends where that frame starts.
                    Filled::Idle => {
                        let end = find(&self.buffer[body_start..], HEADER).unwrap_or(0);
                        return Some(self.take_body(body_start, end));
                    }
                    // The input ended short of the length: the body ends where another frame
                    // starts, if one does.
                    Filled::Ended => {
                        let available = &self.buffer[body_start..];
                        let end = find(available, HEADER).unwrap_or(available.len());
                        if end == 0 && available.is_empty() {
                            return None;
                        }
                        return Some(self.take_body(body_start, end));
                    }
                }
            }
            let declared = &self.buffer[body_start..body_start + length];
            // A length too long takes in the start of the next frame: read up to it.
            let end = match serde_json::from_slice::<Value>(declared) {
                Ok(_) => length,
                Err(_) => overrun(declared)
                    .or_else(|| first_value_end(declared))
                    .unwrap_or(length),
            };
            return Some(self.take_body(body_start, end));
        }
    }

    /// Takes the body `body_start..body_start + len` out of the buffer, as a frame.
    fn take_body(&mut self, body_start: usize, len: usize) -> Frame {
        let frame = message_of(&self.buffer[body_start..body_start + len]);
        self.buffer.drain(..body_start + len);
        frame
    }

    /// Reads and drops a body too large to handle, answering its request if the start of it
    /// names one. A client that sends less than it claimed is noticed as a body is: the next
    /// frame in view and the client quiet.
    fn skip_body(&mut self, body_start: usize, length: usize) -> Frame {
        let head: Vec<u8> = self.buffer[body_start..]
            .iter()
            .take(4096)
            .copied()
            .collect();
        let message = format!(
            "message of {length} bytes is over the limit of {} bytes",
            self.max_message
        );
        let answer = match request_id(&head) {
            Some(id) => Frame::Reply(error_response(id, ErrorCode::InvalidRequest, &message)),
            None => Frame::Skipped(format!("skipped a {message}")),
        };
        self.buffer.drain(..body_start);
        let mut left = length;
        loop {
            let take = left.min(self.buffer.len());
            match find(&self.buffer[..take], HEADER) {
                // What may be the next frame: if the client goes quiet here, it is.
                Some(at) => {
                    self.buffer.drain(..at);
                    left -= at;
                    match self.fill_within(Some(IDLE)) {
                        Filled::Data => {
                            let step = HEADER.len().min(left).min(self.buffer.len());
                            self.buffer.drain(..step);
                            left -= step;
                        }
                        Filled::Idle | Filled::Ended => return answer,
                    }
                }
                None => {
                    self.buffer.drain(..take);
                    left -= take;
                    if left > 0 && !self.fill() {
                        return answer;
                    }
                }
            }
            if left == 0 {
                return answer;
            }
        }
    }
}

fn skipped(bytes: usize) -> Frame {
    Frame::Skipped(format!(
        "skipped {bytes} bytes of input that were not a message"
    ))
}

/// Where the next header block starts: its `Content-Length` header, or a `Content-Type`
/// header before it.
fn header_start(buffer: &[u8]) -> Option<usize> {
    let length = find(buffer, HEADER)?;
    let before = &buffer[..length];
    Some(match find(before, b"Content-Type:") {
        // Only when nothing but headers lies between the two.
        Some(at) if find(&before[at..], b"\r\n\r\n").is_none() => at,
        _ => length,
    })
}

/// Where the header block ends, and where the body starts: at the first empty line, whether
/// the client ends lines with `\r\n` or `\n`.
fn header_end(buffer: &[u8]) -> Option<(usize, usize)> {
    let crlf = find(buffer, b"\r\n\r\n").map(|at| (at, at + 4));
    let lf = find(buffer, b"\n\n").map(|at| (at, at + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The `Content-Length` values of a header block, in order (a number each).
fn content_lengths(headers: &[u8]) -> Vec<usize> {
    let text = String::from_utf8_lossy(headers);
    text.lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<u64>().ok())
                .flatten()
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        })
        .collect()
}

/// Where the JSON value at the start of `body` ends, when more follows it.
fn first_value_end(body: &[u8]) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_slice(body).into_iter::<Value>();
    values.next()?.ok()?;
    let end = values.byte_offset();
    (end < body.len()).then_some(end)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(haystack, needle)
}

/// When `body` runs into the start of another frame: where it ends. The next frame starts at
/// a `Content-Length:` at the start of a line (a raw line break cannot be inside JSON's
/// strings), or right after a whole JSON value.
fn overrun(body: &[u8]) -> Option<usize> {
    let next = find(body, HEADER)?;
    if next == 0 || body[next - 1] == b'\n' {
        return Some(next);
    }
    let value_end = body[..next]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    serde_json::from_slice::<Value>(&body[..value_end]).ok()?;
    Some(next)
}

/// The message a body holds, or the error to answer it with.
fn message_of(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return Frame::Reply(error_response(
                Value::Null,
                ErrorCode::ParseError,
                &format!("not JSON: {e}"),
            ));
        }
    };
    let id = match &value {
        Value::Object(object) => object.get("id").filter(|id| is_usable_id(id)).cloned(),
        _ => None,
    };
    let valid = matches!(&value, Value::Object(o) if o.get("method").is_none_or(Value::is_string));
    match valid.then(|| serde_json::from_value::<Message>(value)) {
        Some(Ok(message)) => Frame::Message(message),
        _ => Frame::Reply(error_response(
            id.unwrap_or(Value::Null),
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, response or notification",
        )),
    }
}

/// An id a response can carry back: a string or a number (JSON-RPC's ids).
fn is_usable_id(id: &Value) -> bool {
    matches!(id, Value::String(_) | Value::Number(_))
}

/// The id of a request whose body starts with `head`, read leniently.
fn request_id(head: &[u8]) -> Option<Value> {
    let text = String::from_utf8_lossy(head);
    let at = text.find("\"id\"")?;
    let rest = text[at + 4..].trim_start().strip_prefix(':')?.trim_start();
    let end = rest.find([',', '}'])?;
    let id: Value = serde_json::from_str(rest[..end].trim()).ok()?;
    is_usable_id(&id).then_some(id)
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut frames = Frames::new(std::io::Cursor::new(input.to_vec()), 1 << 20);
        std::iter::from_fn(|| frames.next_frame()).collect()
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const VALID: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;

    /// Input that arrives in pieces, a moment apart.
    struct Apart(Vec<Vec<u8>>);

    impl Read for Apart {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Ok(0);
            }
            std::thread::sleep(std::time::Duration::from_millis(30));
            let piece = self.0.remove(0);
            buf[..piece.len()].copy_from_slice(&piece);
            Ok(piece.len())
        }
    }

    fn ends_with_the_valid_request(frames: &[Frame]) {
        assert!(
            matches!(frames.last(), Some(Frame::Message(Message::Request(r))) if r.method == "shutdown"),
            "{frames:?}"
        );
    }

    #[test]
    fn malformed_frames_are_answered_or_skipped_and_reading_goes_on() {
        let cases: Vec<(String, Option<i32>)> = vec![
            (framed("{not json"), Some(-32700)),
            (framed("[]"), Some(-32600)),
            (
                framed(r#"{"jsonrpc":"2.0","id":3,"method":123}"#),
                Some(-32600),
            ),
            ("Content-Length: ten\r\n\r\n{}".into(), None),
            ("Content-Type: x\r\n\r\n{}".into(), None),
            (format!("Content-Length: 5\r\n\r\n{VALID}"), Some(-32700)),
            (
                format!(
                    "Content-Length: 500\r\n\r\n{}",
                    r#"{"jsonrpc":"2.0","method":"x"}"#
                ),
                None,
            ),
            // Too long by less than a header's length: the next header is cut, not lost.
            (
                format!(
                    "Content-Length: 36\r\n\r\n{}",
                    r#"{"jsonrpc":"2.0","method":"x"}"#
                ),
                None,
            ),
            (
                "Content-Length: 900\r\n\r\nnot json at all".into(),
                Some(-32700),
            ),
            ("Content-Length: 10\r\n\r\n".into(), Some(-32700)),
            ("Content-Length: 10\r\n".into(), None),
            ("Content-Length: 2\n\n{}".into(), Some(-32600)),
            ("Content-Length: 1000000000000\r\n\r\n".into(), None),
            (
                format!("Content-Length: {}\r\n\r\n{{\"id\": 5, ", 2 << 20),
                Some(-32600),
            ),
        ];
        for (bad, code) in cases {
            let input = format!("{bad}{}", framed(VALID));
            let frames = frames(input.as_bytes());
            ends_with_the_valid_request(&frames);
            if let Some(code) = code {
                assert!(
                    frames
                        .iter()
                        .any(|f| matches!(f, Frame::Reply(v) if v["error"]["code"] == code)),
                    "{bad:?}: {frames:?}"
                );
            }
        }
        // The same frames arriving apart from the next one (a client writes each frame on
        // its own): the decision cannot rest on what has come so far.
        for bad in [
            "Content-Length: 10\r\n\r\n".to_string(),
            "Content-Length: 10\r\n".to_string(),
            format!(
                "Content-Length: 36\r\n\r\n{}",
                r#"{"jsonrpc":"2.0","method":"x"}"#
            ),
            "Content-Length: 900\r\n\r\nnot json".to_string(),
            "Content-Length: 2\n\n{}".to_string(),
        ] {
            let pieces = vec![bad.clone().into_bytes(), framed(VALID).into_bytes()];
            let mut frames = Frames::new(Apart(pieces), 1 << 20);
            let frames: Vec<Frame> = std::iter::from_fn(|| frames.next_frame()).collect();
            ends_with_the_valid_request(&frames);
        }
        // The id of an invalid request is kept when it is usable.
        let frames = frames(framed(r#"{"jsonrpc":"2.0","id":3,"method":123}"#).as_bytes());
        assert!(matches!(&frames[0], Frame::Reply(v) if v["id"] == 3));
    }
}
