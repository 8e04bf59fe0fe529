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
struct Frames<R> {
    input: R,
    buffer: Vec<u8>,
    /// The input has ended: what is in the buffer is all there is.
    ended: bool,
    max_message: usize,
}

impl<R: Read> Frames<R> {
    fn new(input: R, max_message: usize) -> Self {
        Frames {
            input,
            buffer: Vec::new(),
            ended: false,
            max_message,
        }
    }

    /// Reads more input; false at its end.
    fn fill(&mut self) -> bool {
        if self.ended {
            return false;
        }
        let mut chunk = [0u8; 64 * 1024];
        loop {
            match self.input.read(&mut chunk) {
                Ok(0) => {
                    self.ended = true;
                    return false;
                }
                Ok(n) => {
                    self.buffer.extend_from_slice(&chunk[..n]);
                    return true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    self.ended = true;
                    return false;
                }
            }
        }
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
            let Some(length) = content_length(&self.buffer[..headers_end]) else {
                self.buffer.drain(..body_start);
                return Some(Frame::Skipped(
                    "skipped a frame without a valid Content-Length".into(),
                ));
            };
            if length > self.max_message {
                return Some(self.skip_body(body_start, length));
            }
            // Wait for the body, unless what has come shows the length runs past the end of
            // its message into the next frame.
            while self.buffer.len() - body_start < length {
                if let Some(end) = overrun(&self.buffer[body_start..]) {
                    return Some(self.take_body(body_start, end));
                }
                if !self.fill() {
                    let end = self.buffer.len() - body_start;
                    return (end > 0).then(|| self.take_body(body_start, end));
                }
            }
            let declared = &self.buffer[body_start..body_start + length];
            // A length too long takes in the start of the next frame: read up to it.
            let end = match serde_json::from_slice::<Value>(declared) {
                Ok(_) => length,
                Err(_) => overrun(declared).unwrap_or(length),
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
    /// names one.
    fn skip_body(&mut self, body_start: usize, length: usize) -> Frame {
        let head: Vec<u8> = self.buffer[body_start..]
            .iter()
            .take(4096)
            .copied()
            .collect();
        let mut left = length;
        let buffered = self.buffer.len() - body_start;
        if buffered >= left {
            self.buffer.drain(..body_start + left);
            left = 0;
        } else {
            left -= buffered;
            self.buffer.clear();
        }
        while left > 0 && self.fill() {
            let take = left.min(self.buffer.len());
            self.buffer.drain(..take);
            left -= take;
        }
        let message = format!(
            "message of {length} bytes is over the limit of {} bytes",
            self.max_message
        );
        match request_id(&head) {
            Some(id) => Frame::Reply(error_response(id, ErrorCode::InvalidRequest, &message)),
            None => Frame::Skipped(format!("skipped a {message}")),
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

/// Where the header block ends, and where the body starts.
fn header_end(buffer: &[u8]) -> Option<(usize, usize)> {
    if let Some(at) = find(buffer, b"\r\n\r\n") {
        return Some((at, at + 4));
    }
    find(buffer, b"\n\n").map(|at| (at, at + 2))
}

/// The `Content-Length` of a header block, if it is a number.
fn content_length(headers: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(headers).ok()?;
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())
            .flatten()
    })
}

/// When `body` holds a whole JSON value followed by the start of another frame: where that
/// value ends.
fn overrun(body: &[u8]) -> Option<usize> {
    let next = find(body, HEADER)?;
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
        let mut frames = Frames::new(input, 1 << 20);
        std::iter::from_fn(|| frames.next_frame()).collect()
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const VALID: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;

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
        // The id of an invalid request is kept when it is usable.
        let frames = frames(framed(r#"{"jsonrpc":"2.0","id":3,"method":123}"#).as_bytes());
        assert!(matches!(&frames[0], Frame::Reply(v) if v["id"] == 3));
    }
}
